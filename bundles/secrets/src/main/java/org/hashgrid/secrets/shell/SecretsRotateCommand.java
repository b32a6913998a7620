package org.hashgrid.secrets.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.secrets.SecretException;
import org.hashgrid.identity.console.HashgridCommand;
import org.hashgrid.secrets.internal.SecretRotation;

/** {@code hashgrid:secrets-rotate}: a new key for the stored secrets, every value re-sealed in one transaction. */
@Command(scope = "hashgrid", name = "secrets-rotate", description = "Adds a new key to the secrets key file and "
        + "re-seals every stored secret with it, in one transaction; owners only")
@Service
public class SecretsRotateCommand extends HashgridCommand {
    @Reference
    SecretRotation rotation;

    @Option(name = "--retire", description = "Then remove the older keys from the key file (database backups "
            + "taken before the rotation can then no longer be opened)")
    boolean retire;

    @Override
    protected void run(Caller caller) {
        if (!caller.isOwner()) {
            throw ProblemException.forbidden("Only owners rotate the secrets key");
        }
        SecretRotation.Report report;
        try {
            report = rotation.rotate(retire);
        } catch (SecretException e) {
            throw ProblemException.conflict("Nothing was re-sealed: " + e.getMessage() + ". The new key seals new "
                    + "values; the older keys stay in the key file");
        }
        System.out.println("New key " + report.keyId() + " seals new values.");
        report.resealed().forEach((holder, count) -> System.out.println(holder + ": " + count + " re-sealed"));
        System.out.println(report.retired().isEmpty() ? "Older keys kept in the key file (use --retire to remove "
                + "them once backups no longer need them)." : "Retired keys: " + String.join(", ", report.retired()));
    }
}
