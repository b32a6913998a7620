package org.hashgrid.events;

import java.util.List;

import org.hashgrid.core.Doc;

/** What a new webhook subscription is made of ({@code POST /webhooks}). */
public record NewWebhook(
        @Doc("Absolute http(s) URL the events are POSTed to; must pass the address policy") String url,
        @Doc("Event types to send: exact types, prefixes such as miner.*, or * (the default)") List<String> eventTypes,
        @Doc("What the subscription is for, up to 200 characters") String description) {
}
