package dev.monitor.pii.logback.internal;

import dev.monitor.pii.Scrubber;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * A JSON generator that scrubs every text it is asked to write before it writes it: each string value knowing its
 * property name ({@link Scrubber#scrubValue(String, String, int)}: the value of {@code password}, {@code token},
 * {@code authorization}... is redacted whatever it holds; a value in an array is judged by the array's name), then cut
 * to a bound; each property name; raw JSON values (scrubbed as JSON text); and numbers that a scrubber would redact as
 * text (a card number logged as a {@code long}, any number under a sensitive key), which are then written as the
 * redacted string. Objects handed to {@link #writePOJO} are serialized through this generator, so their strings pass
 * too. Everything else is written as it comes. Not API.
 */
public final class ScrubbingJsonGenerator extends JsonGeneratorDelegate {

    /** Numbers at least this large (in magnitude) are checked as text: card numbers, phone numbers, national IDs. */
    private static final long CHECKED_NUMBER = 10_000_000L;

    private final Supplier<Scrubber> scrubber;
    private final int maxValueLength;
    private final String longValueName;
    private final int maxLongValueLength;

    /**
     * Wraps {@code generator}.
     *
     * @param scrubber the scrubber to use, asked for each value (it may be replaced while the generator lives)
     * @param maxValueLength the longest string value written, after scrubbing
     * @param longValueName the property whose values may be longer (the stack trace)
     * @param maxLongValueLength the longest value of {@code longValueName}
     */
    public ScrubbingJsonGenerator(JsonGenerator generator, Supplier<Scrubber> scrubber, int maxValueLength,
            String longValueName, int maxLongValueLength) {
        super(generator, false); // false: POJOs and trees are serialized through this generator, not around it
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.maxValueLength = maxValueLength;
        this.longValueName = Objects.requireNonNull(longValueName, "longValueName");
        this.maxLongValueLength = maxLongValueLength;
    }

    // ---- names

    @Override
    public JsonGenerator writeName(String name) {
        return super.writeName(scrubber.get().scrub(name));
    }

    @Override
    public JsonGenerator writeName(SerializableString name) {
        String text = name.getValue();
        String scrubbed = scrubber.get().scrub(text);
        return scrubbed == text ? super.writeName(name) : super.writeName(scrubbed);
    }

    // ---- strings

    @Override
    public JsonGenerator writeString(@Nullable String text) {
        return text == null ? super.writeString((String) null) : super.writeString(scrubbed(text));
    }

    @Override
    public JsonGenerator writeString(char[] buffer, int offset, int length) {
        return writeString(new String(buffer, offset, length));
    }

    @Override
    public JsonGenerator writeString(SerializableString text) {
        String value = text.getValue();
        String scrubbed = scrubbed(value);
        return scrubbed == value ? super.writeString(text) : super.writeString(scrubbed);
    }

    @Override
    public JsonGenerator writeString(Reader reader, int length) {
        StringBuilder text = new StringBuilder(length >= 0 ? Math.min(length, 8192) : 256);
        char[] buffer = new char[1024];
        int remaining = length < 0 ? Integer.MAX_VALUE : length;
        try {
            for (int read; remaining > 0 && (read = reader.read(buffer, 0, Math.min(buffer.length, remaining))) >= 0; ) {
                text.append(buffer, 0, read);
                remaining -= read;
            }
        } catch (IOException e) {
            throw JacksonIOException.construct(e);
        }
        return writeString(text.toString());
    }

    @Override
    public JsonGenerator writeUTF8String(byte[] buffer, int offset, int length) {
        return writeString(new String(buffer, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public JsonGenerator writeRawUTF8String(byte[] buffer, int offset, int length) {
        return writeString(new String(buffer, offset, length, StandardCharsets.UTF_8));
    }

    // ---- raw JSON values (StructuredArguments.raw, custom fields): scrubbed as JSON text

    @Override
    public JsonGenerator writeRawValue(String json) {
        return super.writeRawValue(scrubber.get().scrub(json));
    }

    @Override
    public JsonGenerator writeRawValue(String json, int offset, int length) {
        return writeRawValue(json.substring(offset, offset + length));
    }

    @Override
    public JsonGenerator writeRawValue(char[] json, int offset, int length) {
        return writeRawValue(new String(json, offset, length));
    }

    // ---- numbers: written as numbers unless the scrubber would redact them as text

    @Override
    public JsonGenerator writeNumber(short value) {
        return sensitiveName() ? writeString(Short.toString(value)) : super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(int value) {
        return checked(value) ? writeNumberText(Integer.toString(value)) : super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(long value) {
        return checked(value) ? writeNumberText(Long.toString(value)) : super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(@Nullable BigInteger value) {
        return value != null && (value.bitLength() > 23 || sensitiveName()) ? writeNumberText(value.toString())
                : super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(@Nullable BigDecimal value) {
        return value != null && (value.precision() > 7 || sensitiveName()) ? writeNumberText(value.toPlainString())
                : super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(double value) {
        return sensitiveName() ? writeString(Double.toString(value)) : super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(float value) {
        return sensitiveName() ? writeString(Float.toString(value)) : super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(@Nullable String encodedValue) {
        return encodedValue == null ? super.writeNumber(encodedValue) : writeNumberText(encodedValue);
    }

    @Override
    public JsonGenerator writeNumber(char[] buffer, int offset, int length) {
        return writeNumberText(new String(buffer, offset, length));
    }

    private boolean checked(long value) {
        return value >= CHECKED_NUMBER || value <= -CHECKED_NUMBER || sensitiveName();
    }

    /** Writes a number as a number when the scrubber leaves its text alone, else the redacted text as a string. */
    private JsonGenerator writeNumberText(String number) {
        String scrubbed = scrubbed(number);
        return scrubbed.equals(number) ? super.writeNumber(number) : super.writeString(scrubbed);
    }

    // ---- the scrubbing

    private String scrubbed(String text) {
        String name = currentValueName();
        int max = longValueName.equals(name) ? maxLongValueLength : maxValueLength;
        Scrubber current = scrubber.get();
        return name == null ? current.scrub(text, max) : current.scrubValue(name, text, max);
    }

    private boolean sensitiveName() {
        String name = currentValueName();
        return name != null && scrubber.get().isSensitiveKey(name);
    }

    /** The name of the property whose value is written next: the property itself, or the array holding the value. */
    private @Nullable String currentValueName() {
        for (TokenStreamContext context = streamWriteContext(); context != null; context = context.getParent()) {
            if (context.inObject()) {
                return context.currentName();
            }
            if (!context.inArray()) {
                return null;
            }
        }
        return null;
    }
}
