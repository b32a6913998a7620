package org.hashgrid.driver.cgminer.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The reply to one command: its status and its data sections by upper-case name
 * (SUMMARY, DEVS, STATS …), each a list of records.
 */
record CommandReply(Status status, Map<String, List<JsonNode>> sections) {

    /** @return the records of a section, empty when absent */
    List<JsonNode> records(String section) {
        return sections.getOrDefault(section, List.of());
    }

    /** @return the first record of a section, or a missing node */
    JsonNode first(String section) {
        List<JsonNode> records = records(section);
        return records.isEmpty() ? MissingNode.getInstance() : records.get(0);
    }
}
