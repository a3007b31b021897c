package com.jifen.organization;

/**
 * One bad cell or row of an imported sheet (a roster here, a month sheet in the ledger): the row as the spreadsheet
 * numbers it, the column header (null for a whole row), the Chinese reason and an English code.
 */
public record RowError(int row, String column, String message, String code) {}
