package app.tickler.sales;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

import org.springframework.stereotype.Component;

import app.tickler.platform.InvalidInput;

/**
 * Money for people: minor units shown with their currency's decimals ("12,500.00 EUR"), and typed
 * amounts ("12500", "12,500.5") read back into minor units. Templates use it as {@code @money}.
 */
@Component("money")
class Money {

    public String format(long amountMinor, String currency) {
        int digits = digits(currency);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(amountMinor, digits)) + " " + currency;
    }

    /** The amount as typed in a form field, without grouping (for the field's value). */
    public String plain(long amountMinor, String currency) {
        return BigDecimal.valueOf(amountMinor, digits(currency)).toPlainString();
    }

    /** Reads a typed amount into minor units, naming {@code field} when it is not an amount. */
    static Long parse(String field, String text, String currency, InvalidInput.Collector problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip().replace(",", "").replace(" ", ""));
            if (value.signum() < 0) {
                problems.add(field, "must not be negative");
                return null;
            }
            return value.movePointRight(digits(currency)).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(field, "must be an amount such as 12500 or 12500.50");
            return null;
        }
    }

    static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }
}
