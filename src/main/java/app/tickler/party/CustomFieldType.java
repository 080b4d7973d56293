package app.tickler.party;

public enum CustomFieldType {
    TEXT, NUMBER, MONEY, DATE, BOOLEAN, SELECT, MULTI_SELECT
}
