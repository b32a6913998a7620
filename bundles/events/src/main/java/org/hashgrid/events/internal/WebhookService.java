package org.hashgrid.events.internal;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

import org.hashgrid.core.Caller;
import org.hashgrid.core.FieldChanges;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Validation;
import org.hashgrid.events.Delivery;
import org.hashgrid.events.NewWebhook;
import org.hashgrid.events.Webhook;
import org.hashgrid.events.WebhookSecret;
import org.hashgrid.model.WebhookDelivery;
import org.hashgrid.model.WebhookSubscription;
import org.hashgrid.model.persistence.Entities;
import org.hashgrid.model.persistence.Filter;
import org.hashgrid.model.persistence.Keyset;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook subscriptions and their deliveries. The URL must pass {@link WebhookTargets} when it is
 * saved; the signing secret is made here and handed out only by {@link #create} and
 * {@link #rotateSecret}, never listed, never logged.
 */
@Component(service = WebhookService.class)
public class WebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
    private static final int DESCRIPTION_MAX = 200;
    private static final Set<String> PATCHABLE = Set.of("url", "event_types", "description", "active");
    private static final Set<String> DELIVERY_STATUSES =
            Set.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED, WebhookDelivery.DEAD);
    private static final Keyset<WebhookSubscription> BY_ID = Keyset.of(WebhookSubscription.class)
            .ascending("id", WebhookSubscription::getId);
    private static final Keyset<WebhookDelivery> NEWEST_FIRST = Keyset.of(WebhookDelivery.class)
            .descending("id", WebhookDelivery::getId);

    private final Transactions tx;
    private final WebhookTargets targets;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public WebhookService(@Reference Transactions tx, @Reference WebhookTargets targets) {
        this.tx = tx;
        this.targets = targets;
    }

    public Page<Webhook> list(PageRequest page) {
        return tx.call(em -> BY_ID.page(em, Filter.all(), page, WebhookService::webhook));
    }

    public Webhook get(long id) {
        return tx.call(em -> webhook(Entities.require(em, WebhookSubscription.class, id, "Webhook")));
    }

    public WebhookSecret create(Caller caller, NewWebhook in) {
        String secret = WebhookSignature.newSecret(random);
        WebhookSubscription subscription = new WebhookSubscription(caller.accountId(), secret);
        Validation validation = new Validation();
        subscription.setUrl(url(validation, in.url()));
        subscription.setEventTypes(eventTypes(validation, in.eventTypes()));
        subscription.setDescription(description(validation, in.description()));
        validation.validate();
        Webhook created = tx.call(em -> {
            em.persist(subscription);
            em.flush();
            return webhook(subscription);
        });
        LOG.info("Webhook {} to {} created by {}", created.id(), URI.create(created.url()).getHost(),
                caller.userId());
        return new WebhookSecret(created, secret);
    }

    public Webhook update(long id, FieldChanges patch) {
        return tx.call(em -> {
            WebhookSubscription subscription = Entities.requireForUpdate(em, WebhookSubscription.class, id, "Webhook");
            Validation validation = patch.validation();
            patch.allowOnly(PATCHABLE)
                    .apply("url", String.class, url -> subscription.setUrl(url(validation, url)))
                    .apply("event_types", String[].class,
                            types -> subscription
                                    .setEventTypes(eventTypes(validation, types == null ? null : List.of(types))))
                    .apply("description", String.class,
                            text -> subscription.setDescription(description(validation, text)))
                    .apply("active", Boolean.class, active -> {
                        validation.required("active", active);
                        subscription.setActive(active == null || active);
                    });
            validation.validate();
            subscription.touch();
            return webhook(subscription);
        });
    }

    public void delete(long id) {
        tx.run(em -> em.remove(Entities.requireForUpdate(em, WebhookSubscription.class, id, "Webhook")));
    }

    /** A new secret; signatures use it from the next attempt on. */
    public WebhookSecret rotateSecret(long id) {
        String secret = WebhookSignature.newSecret(random);
        return tx.call(em -> {
            WebhookSubscription subscription = Entities.requireForUpdate(em, WebhookSubscription.class, id, "Webhook");
            subscription.setSecret(secret);
            subscription.touch();
            return new WebhookSecret(webhook(subscription), secret);
        });
    }

    /** The subscription's deliveries, newest first, optionally of one status. */
    public Page<Delivery> deliveries(long id, String status, PageRequest page) {
        new Validation().check(status == null || DELIVERY_STATUSES.contains(status), "status",
                "must be pending, delivered or dead").validate();
        return tx.call(em -> {
            Entities.require(em, WebhookSubscription.class, id, "Webhook");
            return NEWEST_FIRST.page(em,
                    Filter.<WebhookDelivery>all().equal("subscriptionId", id).equal("status", status), page,
                    WebhookService::delivery);
        });
    }

    /** Puts a dead delivery back in the queue with a fresh set of attempts. */
    public Delivery retry(long id, long deliveryId) {
        return tx.call(em -> {
            WebhookDelivery delivery = Entities.requireForUpdate(em, WebhookDelivery.class, deliveryId, "Delivery");
            if (delivery.getSubscriptionId() != id) {
                throw ProblemException.notFound("Delivery", deliveryId);
            }
            if (!WebhookDelivery.DEAD.equals(delivery.getStatus())) {
                throw ProblemException.conflict("Delivery " + deliveryId + " is " + delivery.getStatus()
                        + "; only a dead delivery can be retried");
            }
            delivery.retryNow();
            em.flush();
            return delivery(delivery);
        });
    }

    private String url(Validation validation, String text) {
        try {
            URI uri = WebhookTargets.parse(text);
            String refusal = targets.refusal(uri);
            validation.check(refusal == null, "url", refusal);
            return uri.toString();
        } catch (IllegalArgumentException e) {
            validation.check(false, "url", e.getMessage());
            return null;
        }
    }

    private static String eventTypes(Validation validation, List<String> types) {
        try {
            return EventTypeFilter.parse(types).stored();
        } catch (IllegalArgumentException e) {
            validation.check(false, "event_types", e.getMessage());
            return null;
        }
    }

    private static String description(Validation validation, String text) {
        String stripped = text == null || text.isBlank() ? null : text.strip();
        validation.maxLength("description", stripped, DESCRIPTION_MAX);
        return stripped;
    }

    static Webhook webhook(WebhookSubscription s) {
        return new Webhook(s.getId(), s.getUrl(), EventTypeFilter.stored(s.getEventTypes()).patterns(),
                s.getDescription(), s.isActive(), s.getCreatedBy(), s.getCreatedAt(), s.getUpdatedAt());
    }

    static Delivery delivery(WebhookDelivery d) {
        return new Delivery(d.getId(), d.getSubscriptionId(), d.getEventId(), d.getStatus(), d.getAttempts(),
                WebhookDelivery.PENDING.equals(d.getStatus()) ? d.getNextAttemptAt() : null, d.getLastAttemptAt(),
                d.getLastStatus(), d.getLastError(), d.getDeliveredAt(), d.getCreatedAt());
    }
}
