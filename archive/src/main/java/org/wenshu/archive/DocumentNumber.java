package org.wenshu.archive;

/** 发文字号: prefix, year and serial, written {@code 荆检行建〔2024〕12号}. */
public record DocumentNumber(String prefix, int year, int serial) {

    /** The number as printed on the instrument. */
    public String text() {
        return prefix + "〔" + year + "〕" + serial + "号";
    }

    @Override
    public String toString() {
        return text();
    }
}
