package org.hashgrid.driver.antminer.internal;

import java.util.regex.Pattern;

/** What a model name tells about its stock firmware's web interface (reference §1.7). */
final class Models {

    /** S17/T17 generation: a form-encoded, positional {@code set_miner_conf.cgi} [BMFW-S17] [FOREMAN-am]. */
    private static final Pattern FORM_WEB_UI = Pattern.compile("(?i)\\b[ST]17");
    /** S9 era: no work mode at all [BMFW-S9] [BMFW-legacy]; used only when the configuration cannot be read. */
    private static final Pattern NO_WORK_MODE = Pattern.compile("(?i)\\b(S9|T9|S7|L3|D3)");

    private Models() {
    }

    /** @return whether the model's CGI takes positional form fields, which this driver does not post */
    static boolean formWebUi(String model) {
        return FORM_WEB_UI.matcher(model).find();
    }

    /** @return whether the model predates work modes, judged by its name alone */
    static boolean predatesWorkModes(String model) {
        return NO_WORK_MODE.matcher(model).find();
    }
}
