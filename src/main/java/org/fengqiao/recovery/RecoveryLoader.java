package org.fengqiao.recovery;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.recovery.internal.Actor;
import org.fengqiao.recovery.internal.RecoveryDesk;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may do with recovery files, through the same checks as any person (as the application
 * itself, whose scope is everything): open a file, add victims and their losses, suspects and assets, move assets,
 * hold a collective return event, return, sign receipts and revisit.
 */
@Service
public class RecoveryLoader {

    private final RecoveryDesk desk;
    private final JdbcClient jdbc;

    RecoveryLoader(RecoveryDesk desk, JdbcClient jdbc) {
        this.desk = desk;
        this.jdbc = jdbc;
    }

    /** One lost item: description, quantity, amount in fen. */
    public record Lost(String description, int quantity, long amountFen) {
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM recovery_file)").query(Boolean.class).single();
    }

    @Transactional
    public UUID open(String caseNumber, String title, String summary, UUID grid, UUID incident, LocalDate registeredOn,
            UUID owner, String by) {
        return desk.open(new RecoveryDesk.NewFile(caseNumber, title, summary, grid, incident, registeredOn, owner),
                Actor.system(by)).id();
    }

    @Transactional
    public void verify(UUID file, Department department, String verifier, LocalDate on, String result, String by) {
        desk.verify(file, new RecoveryDesk.VerifyForm(department, verifier, on, result), Actor.system(by));
    }

    /** A victim named here (phone may be null) with his losses; returns his id. */
    @Transactional
    public UUID victim(UUID file, String name, String phone, List<Lost> losses, String by) {
        return addVictim(file, new RecoveryDesk.VictimForm(null, name, phone, forms(losses)), by);
    }

    /** A victim from the population records with his losses; returns his id. */
    @Transactional
    public UUID victim(UUID file, UUID person, List<Lost> losses, String by) {
        return addVictim(file, new RecoveryDesk.VictimForm(person, null, null, forms(losses)), by);
    }

    private UUID addVictim(UUID file, RecoveryDesk.VictimForm form, String by) {
        return desk.newVictim(file, form, Actor.system(by));
    }

    private static List<RecoveryDesk.LossForm> forms(List<Lost> losses) {
        return losses.stream().map(l -> new RecoveryDesk.LossForm(l.description(), l.quantity(), l.amountFen())).toList();
    }

    @Transactional
    public UUID suspect(UUID file, String name, String idNumber, LocalDate caughtOn, String note, String by) {
        return desk.newSuspect(file, new RecoveryDesk.SuspectForm(name, idNumber, caughtOn, note), Actor.system(by));
    }

    @Transactional
    public UUID asset(UUID file, UUID suspect, AssetKind kind, String description, long valueFen, String heldAt,
            LocalDate tracedOn, String by) {
        return desk.newAsset(file, new RecoveryDesk.AssetForm(kind, description, valueFen, heldAt, AssetState.TRACED,
                tracedOn, suspect), Actor.system(by));
    }

    @Transactional
    public void move(UUID file, UUID asset, AssetState to, LocalDate on, String note, String by) {
        desk.moveAsset(file, asset, new RecoveryDesk.MoveForm(to, on, note), Actor.system(by));
    }

    @Transactional
    public UUID event(UUID unit, LocalDate heldOn, String place, UUID officer, String victimsPresent, String note,
            String by) {
        return desk.addEvent(new RecoveryDesk.EventForm(unit, heldOn, place, officer, victimsPresent, note),
                Actor.system(by)).id();
    }

    /** A return to a victim, made by {@code officer}; its receipt signed the same day when {@code signed}. */
    @Transactional
    public UUID returned(UUID file, UUID victim, UUID asset, long amountFen, String items, LocalDate on, UUID event,
            UUID officer, boolean signed, String by) {
        Actor actor = new Actor(officer, by, null);
        UUID id = desk.addReturn(file, new RecoveryDesk.ReturnForm(victim, asset, amountFen, items, on, event), actor)
                .id();
        if (signed) {
            desk.signReceipt(file, id, on, null, actor);
        }
        return id;
    }

    @Transactional
    public void revisit(UUID file, UUID victim, LocalDate on, UUID officer, String said, boolean satisfied, String by) {
        desk.addRevisit(file, new RecoveryDesk.RevisitForm(victim, on, said, satisfied), new Actor(officer, by, null));
    }
}
