package org.fengqiao.notification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** A station chief reads what a failed delivery means, not the worker's exception class. */
class DeliveryErrorsTests {

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("i18n/messages");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    @Test
    void eachKindOfFailureReadsInTheReadersLanguage() {
        ResourceBundleMessageSource m = messages();
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(DeliveryErrors.text("ConnectException", m, zh)).isEqualTo("无法连接接收方（对方未启动或网络不通）");
        assertThat(DeliveryErrors.text("ConnectException: Connection refused", m, Locale.ENGLISH))
                .isEqualTo("The receiver could not be reached (not running, or no network path)");
        assertThat(DeliveryErrors.text("HTTP 503: busy", m, zh)).isEqualTo("接收方拒收了推送（HTTP 503）");
        assertThat(DeliveryErrors.text("HttpConnectTimeoutException: HTTP connect timed out", m, zh))
                .isEqualTo("接收方未在规定时间内应答");
        assertThat(DeliveryErrors.text("address refused: 127.0.0.1 (loopback, …)", m, zh)).startsWith("接收地址指向本机");
        assertThat(DeliveryErrors.text("SSLHandshakeException: PKIX path building failed", m, zh)).startsWith("与接收方建立加密连接失败");
        assertThat(DeliveryErrors.text("IllegalStateException: odd", m, zh)).isEqualTo("推送失败");
        assertThat(DeliveryErrors.text(null, m, zh)).isNull();
    }
}
