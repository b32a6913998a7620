package org.hashgrid.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.hashgrid.core.Caller;
import org.hashgrid.core.FieldChanges;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.hashgrid.core.Validation;
import org.hashgrid.identity.Account;
import org.hashgrid.model.AuthToken;
import org.hashgrid.model.LoginRecord;
import org.hashgrid.model.User;
import org.hashgrid.model.UserAccess;
import org.hashgrid.model.UserRole;
import org.hashgrid.model.UserStatus;
import org.hashgrid.model.persistence.Filter;
import org.hashgrid.model.persistence.Keyset;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and what may be done to them. Owners and admins manage users; an admin can neither
 * create, promote to, nor change an owner; the last active owner can be neither suspended,
 * demoted nor deleted. Suspension, deletion and password resets end the user's tokens at once.
 */
@Component(service = UserService.class)
public class UserService {
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int NAME_MAX = 200;
    private static final Set<String> SELF_PATCHABLE = Set.of("name");
    private static final Set<String> ADMIN_PATCHABLE = Set.of("name", "email", "role", "status");
    /** Users have text ids: pages follow creation order, then id. */
    private static final Keyset<User> BY_CREATION = Keyset.of(User.class)
            .ascending("createdAt", User::getCreatedAt)
            .ascending("id", User::getId);
    private static final Keyset<LoginRecord> NEWEST_FIRST = Keyset.of(LoginRecord.class)
            .descending("id", LoginRecord::getId);

    private final Transactions tx;
    private final PasswordService passwords;
    private final TokenService tokens;

    @Activate
    public UserService(@Reference Transactions tx,
            @Reference PasswordService passwords, @Reference TokenService tokens) {
        this.tx = tx;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    public Page<Account> list(PageRequest page, String role, String status) {
        new Validation()
                .check(role == null || UserRole.fromDbValue(role).isPresent(), "role", "is not a role")
                .check(status == null || UserStatus.fromDbValue(status).isPresent(), "status",
                        "must be ACTIVE, SUSPENDED or DELETED")
                .validate();
        Filter<User> filter = Filter.<User>all().equal("role", role).equal("status", status);
        return tx.call(em -> BY_CREATION.page(em, filter, page, Records::account));
    }

    /** Admins see everybody; others only themselves (404 for anyone else). */
    public Account get(Caller caller, String id) {
        return tx.call(em -> Records.account(visible(em, caller, id)));
    }

    /** A user by id, or by the e-mail of a live account: operators at the console know people by address. */
    public Account find(Caller caller, String idOrEmail) {
        if (idOrEmail == null || !idOrEmail.contains("@")) {
            return get(caller, idOrEmail);
        }
        String email = idOrEmail.strip().toLowerCase(Locale.ROOT);
        String id = tx.call(em -> LoginService.liveUser(em, email))
                .map(User::getId).orElseThrow(() -> ProblemException.notFound("User", email));
        return get(caller, id);
    }

    public CreatedAccount create(Caller caller, NewAccount in) {
        String email = in.email() == null ? null : in.email().strip().toLowerCase(Locale.ROOT);
        new Validation().required("email", email).required("role", in.role())
                .check(email == null || (email.length() <= 320 && EMAIL.matcher(email).matches()), "email",
                        "is not an e-mail address")
                .check(in.role() == null || UserRole.fromDbValue(in.role()).isPresent(), "role",
                        "must be owner, admin, user, client or guest")
                .maxLength("name", in.name(), NAME_MAX)
                .validate();
        if (Roles.OWNER.equals(in.role()) && !caller.isOwner()) {
            throw ProblemException.forbidden("Only an owner can create an owner");
        }
        boolean generated = in.password() == null;
        String password = generated ? passwords.generate() : in.password();
        if (!generated) {
            passwords.requireAcceptable("password", password, email);
        }
        String hash = passwords.hash(password);
        Account created = tx.call(em -> {
            requireEmailFree(em, caller, email, Boolean.TRUE.equals(in.reuseDeletedEmail()), null);
            User user = new User(email, hash, in.role(), in.name());
            user.setMustChangePassword(generated);
            em.persist(user);
            em.flush();
            return Records.account(user);
        });
        LOG.info("User {} ({}) created by {}", created.id(), created.role(), caller.userId());
        return new CreatedAccount(created, generated ? password : null);
    }

    public Account update(Caller caller, String id, FieldChanges patch) {
        Account updated = tx.call(em -> {
            User user = visible(em, caller, id);
            String oldRole = user.getRole();
            String oldStatus = user.getStatus();
            if (UserStatus.DELETED.dbValue().equals(oldStatus)) {
                throw ProblemException.conflict("User " + id + " is deleted");
            }
            boolean managing = caller.isAdmin();
            patch.allowOnly(managing ? ADMIN_PATCHABLE : SELF_PATCHABLE);
            if (managing) {
                requireMayManage(caller, user);
            }
            patch.apply("name", String.class, user::setName)
                    .apply("email", String.class, email -> user.setEmail(
                            email == null ? null : email.strip().toLowerCase(Locale.ROOT)))
                    .apply("role", String.class, user::setRole)
                    .apply("status", String.class, user::setStatus);
            patch.validation()
                    .maxLength("name", user.getName(), NAME_MAX)
                    .maxLength("email", user.getEmail(), 320)
                    .check(user.getEmail() != null && EMAIL.matcher(user.getEmail()).matches(), "email",
                            "is not an e-mail address")
                    .check(UserRole.fromDbValue(user.getRole()).isPresent(), "role",
                            "must be owner, admin, user, client or guest")
                    .check(UserStatus.ACTIVE.dbValue().equals(user.getStatus())
                            || UserStatus.SUSPENDED.dbValue().equals(user.getStatus()), "status",
                            "must be ACTIVE or SUSPENDED (DELETE the user to delete it)")
                    .validate();
            if (Roles.OWNER.equals(user.getRole()) && !Roles.OWNER.equals(oldRole)
                    && !caller.isOwner()) {
                throw ProblemException.forbidden("Only an owner can make an owner");
            }
            boolean leavesOwners = Roles.OWNER.equals(oldRole) && UserStatus.ACTIVE.dbValue().equals(oldStatus)
                    && (!Roles.OWNER.equals(user.getRole()) || !UserStatus.ACTIVE.dbValue().equals(user.getStatus()));
            if (leavesOwners) {
                requireAnotherActiveOwner(em, id);
            }
            if (patch.has("email")) {
                requireEmailFree(em, caller, user.getEmail(), false, id);
            }
            em.flush();
            if (!oldStatus.equals(user.getStatus())) {
                tokens.revokeAll(em, id);
            } else if (!oldRole.equals(user.getRole())) {
                tokens.forgetUser(id);
            }
            return Records.account(user);
        });
        // again after commit: a token check in between may have cached the old state
        tokens.forgetUser(id);
        return updated;
    }

    /** Deleting keeps the row (history) with status DELETED and ends every token. */
    public void delete(Caller caller, String id) {
        tx.run(em -> {
            User user = visible(em, caller, id);
            requireMayManage(caller, user);
            if (caller.userId().equals(id)) {
                throw ProblemException.conflict("You cannot delete your own account");
            }
            if (UserStatus.DELETED.dbValue().equals(user.getStatus())) {
                return;
            }
            if (Roles.OWNER.equals(user.getRole()) && UserStatus.ACTIVE.dbValue().equals(user.getStatus())) {
                requireAnotherActiveOwner(em, id);
            }
            user.setStatus(UserStatus.DELETED.dbValue());
            tokens.revokeAll(em, id);
        });
        tokens.forgetUser(id);
        LOG.info("User {} deleted by {}", id, caller.userId());
    }

    /** Issues a one-time password that must be changed at the next login; ends every token. */
    public CreatedAccount resetPassword(Caller caller, String id) {
        String password = passwords.generate();
        String hash = passwords.hash(password);
        Account user = tx.call(em -> {
            User target = visible(em, caller, id);
            requireMayManage(caller, target);
            if (UserStatus.DELETED.dbValue().equals(target.getStatus())) {
                throw ProblemException.conflict("User " + id + " is deleted");
            }
            target.setPasswordHash(hash);
            target.setMustChangePassword(true);
            tokens.revokeAll(em, id);
            em.flush();
            return Records.account(target);
        });
        tokens.forgetUser(id);
        LOG.info("Password of user {} reset by {}", id, caller.userId());
        return new CreatedAccount(user, password);
    }

    /**
     * The caller changes their own password, proving the current one. Every other session and
     * API token of the account ends with it (whoever held them knew the old password); the
     * session {@code keptToken} the change was made with stays, so the caller is not logged out.
     */
    public void changePassword(Caller caller, String current, String next, String keptToken) {
        new Validation().required("current_password", current).required("new_password", next).validate();
        User user = tx.call(em -> em.find(User.class, caller.userId()));
        if (user == null || !passwords.verify(current, user.getPasswordHash())) {
            throw ProblemException.invalidField("current_password", "is not the current password");
        }
        passwords.requireAcceptable("new_password", next, user.getEmail());
        if (passwords.verify(next, user.getPasswordHash())) {
            throw ProblemException.invalidField("new_password", "must differ from the current password");
        }
        String hash = passwords.hash(next);
        tx.run(em -> {
            User managed = em.find(User.class, caller.userId());
            managed.setPasswordHash(hash);
            managed.setMustChangePassword(false);
            tokens.revokeAllBut(em, caller.userId(), keptToken);
        });
        // again after commit: a token check in between may have cached the old state
        tokens.forgetUser(caller.userId());
        LOG.info("Password of user {} changed; its other sessions and API tokens ended", caller.userId());
    }

    public AccessGrant grantAccess(Caller caller, String userId, Instant start, Instant end) {
        new Validation().required("access_start_date", start)
                .check(start == null || end == null || end.isAfter(start), "access_end_date",
                        "must be after access_start_date")
                .validate();
        AccessGrant granted = tx.call(em -> {
            User user = visible(em, caller, userId);
            requireMayManage(caller, user);
            UserAccess access = new UserAccess(userId, start, end, caller.accountId());
            em.persist(access);
            em.flush();
            return AccessGrant.of(access);
        });
        tokens.forgetUser(userId);
        return granted;
    }

    public List<AccessGrant> access(Caller caller, String userId) {
        return tx.call(em -> {
            visible(em, caller, userId);
            return em.createQuery("select a from UserAccess a where a.userId = ?1 order by a.accessStartDate, a.id",
                    UserAccess.class).setParameter(1, userId).getResultList().stream().map(AccessGrant::of).toList();
        });
    }

    /** Newest first. */
    public Page<LoginAttempt> loginRecords(PageRequest page, String email) {
        Filter<LoginRecord> filter = Filter.<LoginRecord>all()
                .equal("email", email == null ? null : email.strip().toLowerCase(Locale.ROOT));
        return tx.call(em -> NEWEST_FIRST.page(em, filter, page, LoginAttempt::of));
    }

    public IssuedApiToken createApiToken(Caller caller, String name, Instant expiresAt) {
        new Validation().required("name", name).maxLength("name", name, 100)
                .check(expiresAt == null || expiresAt.isAfter(Instant.now()), "expires_at", "must be in the future")
                .validate();
        return tx.call(em -> {
            TokenService.Issued issued = tokens.issue(em, caller.userId(), AuthToken.API, name.strip(), expiresAt);
            return new IssuedApiToken(issued.token(), ApiToken.of(em.find(AuthToken.class, issued.id())));
        });
    }

    public List<ApiToken> apiTokens(Caller caller) {
        return tx.call(em -> em.createQuery(
                "select t from AuthToken t where t.userId = ?1 and t.kind = ?2 order by t.id", AuthToken.class)
                .setParameter(1, caller.userId()).setParameter(2, AuthToken.API).getResultList().stream()
                .map(ApiToken::of).toList());
    }

    public void revokeApiToken(Caller caller, long id) {
        tx.run(em -> {
            AuthToken token = em.find(AuthToken.class, id);
            if (token == null || !AuthToken.API.equals(token.getKind())
                    || !tokens.revoke(em, caller.userId(), id)) {
                throw ProblemException.notFound("API token", id);
            }
        });
    }

    boolean hasUsers() {
        return tx.call(em -> !em.createQuery("select u.id from User u").setMaxResults(1).getResultList().isEmpty());
    }

    /** The first owner of an empty platform; refused once any user exists. */
    Account createFirstOwner(String emailInput, String name, String password) {
        String email = emailInput == null ? null : emailInput.strip().toLowerCase(Locale.ROOT);
        new Validation().required("email", email)
                .check(email == null || EMAIL.matcher(email).matches(), "email", "is not an e-mail address")
                .maxLength("name", name, NAME_MAX).validate();
        passwords.requireAcceptable("password", password, email);
        String hash = passwords.hash(password);
        return tx.call(em -> {
            // serialise concurrent set-ups: only one can see an empty table
            em.createNativeQuery("lock table users in share row exclusive mode").executeUpdate();
            if (!em.createQuery("select u.id from User u").setMaxResults(1).getResultList().isEmpty()) {
                throw ProblemException.conflict("The platform already has users");
            }
            User owner = new User(email, hash, Roles.OWNER, name);
            em.persist(owner);
            em.flush();
            return Records.account(owner);
        });
    }

    private static User visible(EntityManager em, Caller caller, String id) {
        User user = id == null ? null : em.find(User.class, id);
        if (user == null || !(caller.isAdmin() || caller.userId().equals(id))) {
            throw ProblemException.notFound("User", id);
        }
        return user;
    }

    private static void requireMayManage(Caller caller, User target) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only owners and admins manage users");
        }
        if (Roles.OWNER.equals(target.getRole()) && !caller.isOwner()) {
            throw ProblemException.forbidden("An admin cannot change an owner");
        }
    }

    private static void requireAnotherActiveOwner(EntityManager em, String leaving) {
        // two owners demoting each other at once must not both see the other one still there
        em.createNativeQuery("select id from users where role = 'owner' and status = 'ACTIVE' for update")
                .getResultList();
        long others = em.createQuery("select count(u) from User u where u.role = ?1 and u.status = ?2 and u.id <> ?3",
                Long.class).setParameter(1, Roles.OWNER).setParameter(2, UserStatus.ACTIVE.dbValue())
                .setParameter(3, leaving).getSingleResult();
        if (others == 0) {
            throw ProblemException.conflict("This is the last active owner; make another owner first");
        }
    }

    private static void requireEmailFree(EntityManager em, Caller caller, String email, boolean reuseDeleted,
            String self) {
        List<User> holders = em.createQuery("select u from User u where lower(u.email) = ?1", User.class)
                .setParameter(1, email).getResultList();
        for (User holder : holders) {
            if (holder.getId().equals(self)) {
                continue;
            }
            if (!UserStatus.DELETED.dbValue().equals(holder.getStatus())) {
                throw ProblemException.conflict("The e-mail " + email + " is already in use");
            }
            if (!(reuseDeleted && caller.isOwner())) {
                throw ProblemException.conflict("The e-mail " + email + " belongs to a deleted account; an owner "
                        + "can reuse it with reuse_deleted_email=true");
            }
        }
    }
}
