package com.jifen.ledger.internal;

/** Evidence given with an entry: a note, a file (Base64), or both; checked by {@link EvidenceUploads#check}. */
public record EvidenceInput(String note, String fileName, String mediaType, String contentBase64) {}
