package org.hashgrid.driver.cgminer.internal;

/** The bytes a miner sent before the NUL or the close; {@code bytes} may be longer than {@code length}. */
record RawReply(byte[] bytes, int length) {
}
