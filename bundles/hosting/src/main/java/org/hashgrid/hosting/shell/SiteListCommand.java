package org.hashgrid.hosting.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.hosting.Site;
import org.hashgrid.hosting.internal.SiteService;
import org.hashgrid.identity.console.Cells;
import org.hashgrid.identity.console.HashgridCommand;

/** {@code hashgrid:site-list}: every site, as {@code GET /sites} lists them. */
@Command(scope = "hashgrid", name = "site-list", description = "Lists the hosting sites by id, with their power "
        + "capacity and how many of their miners there are and are active")
@Service
public class SiteListCommand extends HashgridCommand {
    @Reference
    SiteService sites;

    @Override
    protected void run(Caller caller) {
        ShellTable table = new ShellTable().emptyTableText("No sites");
        table.column("ID").alignRight();
        table.column("Name");
        table.column("Location");
        table.column("Capacity MW").alignRight();
        table.column("Miners").alignRight();
        table.column("Active").alignRight();
        String cursor = null;
        do {
            Page<Site> page = sites.list(PageRequest.of(PageRequest.MAX_LIMIT, cursor));
            page.items().forEach(site -> table.addRow().addContent(site.id(), site.name(), Cells.text(site.location()),
                    Cells.text(site.capacityMw()), site.totalMiners(), site.activeMiners()));
            cursor = page.nextCursor();
        } while (cursor != null);
        table.print(System.out);
    }
}
