package app.tickler.party;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The normal forms of names, emails, phones and websites used for sorting, search and duplicates. */
public final class PartyNames {

    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> LEGAL_FORMS = Set.of("inc", "incorporated", "ltd", "limited", "llc", "llp", "plc",
            "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "co", "corp",
            "corporation", "company", "pty", "the");

    private PartyNames() {
    }

    public static String fullName(String first, String last) {
        String f = first == null ? "" : first.strip();
        String l = last == null ? "" : last.strip();
        return (f + " " + l).strip();
    }

    /** Lower-cased, for ordering lists alphabetically by the name as shown. */
    public static String sortKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** A contact is listed by last name, then first name. */
    public static String contactSortKey(String first, String last) {
        return sortKey(((last == null ? "" : last) + " " + (first == null ? "" : first)).strip());
    }

    /** Without case, accents, punctuation or legal form: "Müller & Söhne GmbH" and "muller sohne" match. */
    public static String matchKey(String name, boolean organisation) {
        if (isAscii(name)) {
            return asciiMatchKey(name, organisation);
        }
        return unicodeMatchKey(name, organisation);
    }

    /** {@link #matchKey} for any text: decomposed, marks removed, split on what is neither letter nor digit. */
    static String unicodeMatchKey(String name, boolean organisation) {
        String plain = DIACRITICS.matcher(Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("");
        StringBuilder key = new StringBuilder();
        for (String word : NOT_WORD.split(plain)) {
            if (word.isEmpty() || (organisation && LEGAL_FORMS.contains(word))) {
                continue;
            }
            if (!key.isEmpty()) {
                key.append(' ');
            }
            key.append(word);
        }
        return key.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #matchKey} of plain ASCII text without normalising or regular expressions (most names; an
     * import computes one per line): the words of letters and digits, lower-cased.
     */
    static String asciiMatchKey(String name, boolean organisation) {
        StringBuilder key = new StringBuilder(name.length());
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : ' ';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                word.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                word.append((char) (c + ('a' - 'A')));
            } else if (!word.isEmpty()) {
                if (!(organisation && LEGAL_FORMS.contains(word.toString()))) {
                    if (!key.isEmpty()) {
                        key.append(' ');
                    }
                    key.append(word);
                }
                word.setLength(0);
            }
        }
        return key.toString();
    }

    public static String emailKey(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Digits only, keeping a leading +; null when there are fewer than five digits. */
    public static String phoneKey(String phone) {
        if (phone == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        String trimmed = phone.strip();
        if (trimmed.startsWith("+")) {
            digits.append('+');
        } else if (trimmed.startsWith("00")) {
            digits.append('+');
            trimmed = trimmed.substring(2);
        }
        for (char c : trimmed.toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            }
        }
        return digits.length() < 5 ? null : digits.toString();
    }

    /** The host of a website without scheme, path or a leading {@code www.}; null if there is none. */
    public static String domain(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String host = website.strip().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int end = host.length();
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int at = host.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        host = host.substring(0, end);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return host.isEmpty() ? null : host;
    }
}
