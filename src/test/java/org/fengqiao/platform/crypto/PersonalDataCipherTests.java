package org.fengqiao.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataCipherTests {

    private static final String KEY = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private PersonalDataCipher cipher() {
        return new PersonalDataCipher(KEY, dir, false);
    }

    @Test
    void decryptsWhatItEncryptedChineseTextToo() {
        PersonalDataCipher cipher = cipher();

        assertThat(cipher.decrypt(cipher.encrypt("11010519491231002X"))).isEqualTo("11010519491231002X");
        assertThat(cipher.decrypt(cipher.encrypt("江苏省连云港市东海县牛山街道 张三"))).isEqualTo("江苏省连云港市东海县牛山街道 张三");
        assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
        assertThat(cipher.encrypt(null)).isNull();
        assertThat(cipher.decrypt(null)).isNull();
    }

    @Test
    void sealsAsVersionByteIvAndCiphertextWithTag() {
        byte[] sealed = cipher().encrypt("13812345678");

        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 12 + "13812345678".length() + 16);
    }

    @Test
    void encryptsTheSameValueDifferentlyEachTime() {
        PersonalDataCipher cipher = cipher();

        assertThat(cipher.encrypt("13812345678")).isNotEqualTo(cipher.encrypt("13812345678"));
    }

    @Test
    void refusesToDecryptAnAlteredValue() {
        PersonalDataCipher cipher = cipher();
        byte[] sealed = cipher.encrypt("11010519491231002X");
        sealed[sealed.length - 5] ^= 0x01;

        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(PersonalDataCipher.UndecryptableData.class);
    }

    @Test
    void refusesToDecryptATruncatedValueOrOneSealedUnderAnotherKey() {
        byte[] sealed = cipher().encrypt("11010519491231002X");
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> new PersonalDataCipher(otherKey, dir, false).decrypt(sealed))
                .isInstanceOf(PersonalDataCipher.UndecryptableData.class);
        assertThatThrownBy(() -> cipher().decrypt(java.util.Arrays.copyOf(sealed, 20)))
                .isInstanceOf(PersonalDataCipher.UndecryptableData.class);
    }

    @Test
    void givesTheSameBlindIndexForTheSamePurposeAndValueAcrossInstances() {
        String index = cipher().blindIndex("id", "11010519491231002X");

        assertThat(cipher().blindIndex("id", "11010519491231002X")).isEqualTo(index).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(cipher().blindIndex("id", "110105194912310021")).isNotEqualTo(index);
    }

    @Test
    void givesDifferentBlindIndexesForDifferentPurposesAndKeys() {
        PersonalDataCipher cipher = cipher();
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(cipher.blindIndex("id-last4", "002X")).isNotEqualTo(cipher.blindIndex("id-last6", "002X"));
        assertThat(cipher.blindIndex("phone", "13812345678")).isNotEqualTo(cipher.blindIndex("id", "13812345678"));
        assertThat(new PersonalDataCipher(otherKey, dir, false).blindIndex("id", "002X"))
                .isNotEqualTo(cipher.blindIndex("id", "002X"));
    }

    @Test
    void generatesOneDemoKeyIntoTheDataDirectoryAndReusesItAtTheNextStart() throws Exception {
        PersonalDataCipher first = new PersonalDataCipher("", dir, true);
        byte[] sealed = first.encrypt("13812345678");
        Path keyFile = dir.resolve("personal-data.key");
        String generated = Files.readString(keyFile);

        PersonalDataCipher second = new PersonalDataCipher(null, dir, true);

        assertThat(second.decrypt(sealed)).isEqualTo("13812345678");
        assertThat(second.blindIndex("phone", "13812345678")).isEqualTo(first.blindIndex("phone", "13812345678"));
        assertThat(Files.readString(keyFile)).isEqualTo(generated);
        assertThat(Base64.getDecoder().decode(generated.strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(keyFile);
        }
    }

    @Test
    void generatesADifferentDemoKeyInAnotherDataDirectory() {
        byte[] sealed = new PersonalDataCipher("", dir.resolve("one"), true).encrypt("13812345678");

        assertThatThrownBy(() -> new PersonalDataCipher("", dir.resolve("two"), true).decrypt(sealed))
                .isInstanceOf(PersonalDataCipher.UndecryptableData.class);
    }

    @Test
    void refusesToStartWithoutAKeyOutsideTheDemoNamingTheVariable() {
        assertThatThrownBy(() -> new PersonalDataCipher("", dir, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FENGQIAO_DATA_KEY");
        assertThat(dir.resolve("personal-data.key")).doesNotExist();
    }

    @Test
    void refusesAKeyThatIsNotThirtyTwoBytesOfBase64() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new PersonalDataCipher(shortKey, dir, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new PersonalDataCipher("not base64!", dir, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
    }

    @Test
    void usesAConfiguredKeyRatherThanADemoKeyFile() {
        byte[] sealed = new PersonalDataCipher(KEY, dir, true).encrypt("13812345678");

        assertThat(dir.resolve("personal-data.key")).doesNotExist();
        assertThat(cipher().decrypt(sealed)).isEqualTo("13812345678");
    }
}
