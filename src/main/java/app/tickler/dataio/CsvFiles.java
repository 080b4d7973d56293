package app.tickler.dataio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import app.tickler.platform.InvalidInput;

/**
 * Reading uploaded CSV files: what they are (encoding, byte order mark, delimiter, headers, whether
 * Tickler exported them) from their first 64 KiB, then their records one at a time, so that memory
 * stays flat whatever the size of the file.
 */
final class CsvFiles {

    /** A cell longer than this is refused with a per-row error. */
    static final int MAX_CELL = 65_536;
    /** A record longer than this (most likely an unbalanced quote) ends the import with a file error. */
    static final int MAX_RECORD = 4 * 1024 * 1024;
    static final int MAX_COLUMNS = 500;
    private static final int SAMPLE = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    record Format(Charset charset, int bomLength, char delimiter, List<String> headers, boolean ownExport) {
    }

    private CsvFiles() {
    }

    static Format sniff(Path file) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(SAMPLE);
        }
        if (sample.length == 0) {
            throw new InvalidInput("file", "is empty");
        }
        int bom = 0;
        Charset charset;
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            bom = 3;
            charset = StandardCharsets.UTF_8;
        } else if (sample.length >= 2 && (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE) {
            bom = 2;
            charset = StandardCharsets.UTF_16LE;
        } else if (sample.length >= 2 && (sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF) {
            bom = 2;
            charset = StandardCharsets.UTF_16BE;
        } else {
            charset = validUtf8(sample) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        if (charset == StandardCharsets.UTF_8 || charset == WINDOWS_1252) {
            requireText(sample);
        }
        String text = new String(sample, bom, sample.length - bom, charset);
        char delimiter = delimiter(text);
        List<String> headers;
        try (CsvReader<CsvRecord> reader = reader(new java.io.StringReader(text), delimiter)) {
            Iterator<CsvRecord> records = reader.iterator();
            if (!records.hasNext()) {
                throw new InvalidInput("file", "has no header row");
            }
            headers = records.next().getFields().stream().map(String::strip).toList();
        } catch (RuntimeException e) {
            if (e instanceof InvalidInput) {
                throw e;
            }
            throw new InvalidInput("file", "has no readable header row in its first 64 KiB");
        }
        if (headers.size() > MAX_COLUMNS) {
            throw new InvalidInput("file", "has more than " + MAX_COLUMNS + " columns");
        }
        if (headers.stream().allMatch(String::isEmpty)) {
            throw new InvalidInput("file", "has an empty header row: the first line must name the columns");
        }
        boolean ownExport = !headers.isEmpty() && headers.get(0).equals(Formulas.EXPORT_MARKER);
        return new Format(charset, bom, delimiter, headers, ownExport);
    }

    /** The data records after the header, streamed. Close the reader. */
    static CsvReader<CsvRecord> open(Path file, Format format) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.skipNBytes(format.bomLength());
        return reader(new InputStreamReader(in, format.charset()), format.delimiter());
    }

    private static CsvReader<CsvRecord> reader(Reader reader, char delimiter) {
        return CsvReader.builder().fieldSeparator(delimiter).quoteCharacter('"').skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).allowExtraCharsAfterClosingQuote(true)
                .detectBomHeader(false).maxBufferSize(MAX_RECORD).ofCsvRecord(reader);
    }

    /** UTF-8 unless some byte sequence is not UTF-8 (a cut at the end of the sample is forgiven). */
    static boolean validUtf8(byte[] sample) {
        int end = sample.length;
        // do not judge a character cut by the end of the sample
        int back = 0;
        while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0 && (sample[end - back - 1] & 0xC0) == 0xC0 && sample.length == SAMPLE) {
            end = end - back - 1;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(sample, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Refuses binary files: NUL bytes, or many control characters other than tab and line ends. */
    private static void requireText(byte[] sample) {
        int control = 0;
        for (byte b : sample) {
            if (b == 0) {
                throw new InvalidInput("file", "is not a CSV text file (it contains binary data)");
            }
            if (b > 0 && b < 32 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                control++;
            }
        }
        if (control > sample.length / 100 + 1) {
            throw new InvalidInput("file", "is not a CSV text file (it contains binary data)");
        }
    }

    /** The candidate that splits the first lines into the most, equally many, columns. */
    static char delimiter(String text) {
        char[] candidates = {',', ';', '\t', '|'};
        String[] lines = text.split("\r?\n", 11);
        char best = ',';
        int bestScore = 0;
        for (char candidate : candidates) {
            int first = count(lines[0], candidate);
            if (first == 0) {
                continue;
            }
            int consistent = 0;
            for (int i = 1; i < Math.min(lines.length, 10); i++) {
                if (count(lines[i], candidate) == first) {
                    consistent++;
                }
            }
            int score = first * 10 + consistent;
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    private static int count(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
