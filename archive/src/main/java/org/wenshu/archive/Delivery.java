package org.wenshu.archive;

import java.time.LocalDate;
import java.util.Optional;

/** 送达: how and when an instrument reached its recipients. */
public record Delivery(DeliveryMethod method, LocalDate date, Optional<String> note) {
}
