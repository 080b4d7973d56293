package app.tickler.aftersale;

import java.time.Instant;

/** A product of the catalogue; the periods (months, null: none) give an installation its default ends. */
public record Product(ProductId id, String name, Integer lifespanMonths, Integer warrantyMonths, Integer serviceMonths,
        boolean active, long version, Instant createdAt, Instant updatedAt) {
}
