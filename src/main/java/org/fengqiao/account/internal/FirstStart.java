package org.fengqiao.account.internal;

import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.BeforeServing;
import org.fengqiao.platform.FengqiaoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An installation on an outside database starts empty, and an empty platform has nobody who can
 * sign in. On the first start without the demo, FENGQIAO_INIT_BUREAU and FENGQIAO_INIT_PASSWORD
 * create the bureau at the root of the tree and the three separated administrators (三员分立):
 * sysadmin builds the tree, secadmin creates the accounts, auditadmin reads the trail. Without
 * them the log says how to begin. Runs before the web server listens, under a lock so that two
 * instances starting together create them once.
 */
@Component
class FirstStart extends BeforeServing {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    private static final long LOCK = 0x46514649_52535431L;

    private final FengqiaoProperties properties;
    private final Jurisdictions jurisdictions;
    private final StaffDirectory staff;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final StaffRegister register;
    private final org.springframework.context.MessageSource messages;

    FirstStart(FengqiaoProperties properties, Jurisdictions jurisdictions, StaffDirectory staff, TransactionTemplate tx,
            JdbcClient jdbc, StaffRegister register, org.springframework.context.MessageSource messages) {
        this.register = register;
        this.messages = messages;
        this.properties = properties;
        this.jurisdictions = jurisdictions;
        this.staff = staff;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    @Override
    protected void prepare() {
        if (properties.demoEnabled()) {
            return;
        }
        FengqiaoProperties.Init init = properties.init();
        if (!init.requested()) {
            if (jurisdictions.isEmpty()) {
                log.warn("The database holds no jurisdiction and nobody can sign in. Start once with "
                        + "FENGQIAO_INIT_BUREAU (the bureau's name), FENGQIAO_INIT_DIVISION (its GB/T 2260 code) and "
                        + "FENGQIAO_INIT_PASSWORD to create the bureau and the administrators sysadmin, secadmin and "
                        + "auditadmin, or FENGQIAO_DEMO=true for the demo district.");
            }
            return;
        }
        Boolean created;
        try {
            created = create(init);
        } catch (org.fengqiao.platform.Invalid refused) {
            // an initial password the password rules refuse (nothing was created: the transaction rolled back) is the
            // engineer's setting to mend, said as the start's failure with the rules, not as message keys in a trace
            throw new org.fengqiao.platform.StartRefused("The first start's settings were refused, nothing was created: "
                    + String.join("; ", refused.texts(messages, java.util.Locale.ENGLISH)) + " ("
                    + refused.problems().stream().map(p -> setting(p.field())).distinct()
                            .collect(java.util.stream.Collectors.joining(", ")) + ")",
                    "Correct the setting named and start again. FENGQIAO_INIT_PASSWORD needs at least "
                    + PasswordPolicy.MIN_LENGTH + " characters, " + PasswordPolicy.MIN_KINDS + " of the "
                    + PasswordPolicy.KINDS + " kinds lower-case letters, upper-case letters, digits and symbols, and none of the "
                    + "names sysadmin, secadmin, auditadmin (e.g. First-Start-1); each of the three changes it at "
                    + "first sign-in.");
        }
        if (Boolean.TRUE.equals(created)) {
            log.info("Created {} and the administrators sysadmin, secadmin and auditadmin with the initial password "
                    + "from FENGQIAO_INIT_PASSWORD; each changes it at first sign-in before anything else.", init.bureauName());
        }
    }

    /** The setting behind a refused field of the first start. */
    private static String setting(String field) {
        return switch (field) {
            case "password" -> "FENGQIAO_INIT_PASSWORD";
            case "name" -> "FENGQIAO_INIT_BUREAU";
            case "code", "divisionCode" -> "FENGQIAO_INIT_DIVISION";
            default -> "FENGQIAO_INIT_* (" + field + ")";
        };
    }

    private Boolean create(FengqiaoProperties.Init init) {
        return tx.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(LOCK).query(Integer.class).single();
            if (!jurisdictions.isEmpty()) {
                return false;
            }
            String division = init.divisionCode().isBlank() ? null : init.divisionCode();
            Unit bureau = jurisdictions.createUnit(null, UnitKind.BUREAU, division == null ? "BUREAU" : division,
                    init.bureauName(), division);
            // the one initial password of all three, known to whoever started the installation, is each one's
            // to change before anything else
            for (var admin : java.util.List.of(
                    staff.register(bureau.id(), StaffRole.SYSTEM_ADMIN, "系统管理员", null, null, null, "sysadmin",
                            init.password()),
                    staff.register(bureau.id(), StaffRole.SECURITY_ADMIN, "安全管理员", null, null, null, "secadmin",
                            init.password()),
                    staff.register(bureau.id(), StaffRole.AUDIT_ADMIN, "安全审计员", null, null, null, "auditadmin",
                            init.password()))) {
                register.requirePasswordChange(admin.id().value());
            }
            return true;
        });
    }
}
