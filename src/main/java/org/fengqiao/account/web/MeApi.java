package org.fengqiao.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Set;
import org.fengqiao.account.internal.PasswordExpiry;
import org.fengqiao.account.internal.StaffAdministration;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The signed-in person")
class MeApi {

    private final StaffRegister register;
    private final StaffAdministration administration;
    private final StaffViews views;

    private final PasswordExpiry expiry;

    MeApi(StaffRegister register, StaffAdministration administration, StaffViews views, PasswordExpiry expiry) {
        this.expiry = expiry;
        this.register = register;
        this.administration = administration;
        this.views = views;
    }

    /**
     * {@code passwordMustChange}: somebody else chose the password; {@code passwordExpired}: it is older than the
     * maximum age (FENGQIAO_PASSWORD_MAX_AGE). Until it is changed, only these calls answer. {@code passwordExpiresAt}:
     * when it expires (or expired), left out when passwords do not expire.
     */
    record Me(StaffViews.StaffDetail staff, Set<String> permissions, boolean passwordMustChange,
            boolean passwordExpired, java.time.Instant passwordExpiresAt) {
    }

    record PasswordChange(@NotBlank(message = "{account.password.currentRequired}") String currentPassword,
            @NotBlank(message = "{account.password.newRequired}") String newPassword) {
    }

    @GetMapping
    @Operation(summary = "Who I am: my record (phone in full), unit, role and permissions")
    Me me() {
        Caller caller = Callers.require();
        StaffRegister.Row row = register.byId(caller.staffId()).orElseThrow(() -> new NotFound("staff", caller.staffId()));
        return new Me(views.detail(row, caller), caller.permissions(), row.passwordMustChange(), expiry.expired(row),
                expiry.of(row).expiresAt());
    }

    @PutMapping("/password")
    @Operation(summary = "Change my password",
            description = "The current password is required and the new one must follow the password rules. "
                    + "Every API token of mine is revoked, including the one used for this call.")
    ResponseEntity<Void> password(@Valid @RequestBody PasswordChange body) {
        administration.changePassword(Callers.require(), body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }
}
