package org.fengqiao.points.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The address a voucher's QR code carries: the store's scan page for that voucher on this server. */
@Component
class PointsLinks {

    String scanUrl(String code) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/points/vouchers/{code}/scan")
                .buildAndExpand(code).toUriString();
    }
}
