package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by the leak suite: in a form or query string a space is written '+' and ':', '=', '"' are escaped, and a
 * spaced card number, IBAN, phone number or Bearer token written so ({@code ?note=card+4111+1111+1111+1111}), an email
 * whose '+'-joined words made its local part too long, an IPv6 address or a secret after an escaped
 * {@code password%3A} were left as they were.
 */
class FormEncodedTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://runbooks.example/o?note=4822+1330+1411+3523 | https://runbooks.example/o?note=[payment_card]",
        "?q=card+4111+1111+1111+1111+now | ?q=card+[payment_card]+now",
        "?n=iban+DE89+3704+0044+0532+0130+00+x | ?n=iban+[iban]+x",
        "?n=call+%2B44+20+7946+0958 | ?n=call+[phone]",
        "?n=Bearer+abcdef123456789012&x=1 | ?n=Bearer+[auth_credential]&x=1",
        "?n=aadhaar+2341+2341+2346+ok | ?n=aadhaar+[aadhaar]+ok",
        "?note=the+report+ran+long+the+order+was+shipped+late+and+the+repor+gqlibynr.tcagjf@pqrhf.com+and"
                + " | ?note=the+report+ran+long+the+order+was+shipped+late+and+the+repor+g***@pqrhf.com+and",
        "?n=4111%201111%201111%201111 | ?n=[payment_card]",
        "?note=authorization%3A+fvezKzLJF6VP4+and | ?note=authorization%3A+[secret]+and",
        "?note=%22api_key%22%3A+%22xitkH44pG8JLHsLaGj%22+x | ?note=%22api_key%22%3A+%22[secret]%22+x",
        "?note=credentials%3DewobzkPhLLhytBKjUED+and | ?note=credentials%3D[secret]+and",
        "?ip=2a03%3A41b5%3A4b93%3Aca05%3A3803%3Ac6f5%3A7604%3A4fd4&x=1 | ?ip=[ip_address]&x=1",
        "{\"url\":\"https://runbooks.example/o?note=card+4111+1111+1111+1111\"} | {\"url\":\"https://runbooks.example/o?note=card+[payment_card]\"}",
        "a=1&note=card+4111+1111+1111+1111 | a=1&note=card+[payment_card]"})
    void aValueInAFormOrQueryStringIsRedactedWhereSpacesAreWrittenAsPlus(String text, String scrubbed) {
        assertThat(Scrubber.defaults().scrub(text)).isEqualTo(scrubbed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c++ and a+b", "1+1=2", "x=a+b+c", "+44 is a prefix", "version 1.2+build.5",
            "50% off, 100%", "/search?q=red+shoes&page=2%3A", "{\"version\":\"17.0.15+6-Debian-1deb12u1\"}",
            "at 2026-12-07T01:00:00+01:00 (zone +01:00)", "sig ab+cd/ef+gh== ok"})
    void textWithPlusSignsAndNothingToRedactIsReturnedAsItIs(String text) {
        assertThat(Scrubber.defaults().scrub(text)).isSameAs(text);
    }

    @Test
    void aPhoneNumberWithItsPlusIsStillOneNumber() {
        assertThat(Scrubber.defaults().scrub("call +44 20 7946 0958 now")).isEqualTo("call [phone] now");
    }
}
