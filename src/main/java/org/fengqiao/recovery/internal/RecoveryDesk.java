package org.fengqiao.recovery.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.audit.Audited;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.PersonLookup;
import org.fengqiao.recovery.AssetKind;
import org.fengqiao.recovery.AssetState;
import org.fengqiao.recovery.Department;
import org.fengqiao.recovery.Outcome;
import org.fengqiao.recovery.internal.RecoveryFiles.File;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens recovery files and records everything that happens to them. Each change is one transaction: the input is
 * checked whole, the file's row is locked, the money rules ({@link ReconciliationPolicy}) are judged on the ledger as
 * it stands under that lock, and only then is anything written, audited with before and after. So a refused change
 * changes nothing, and two returns at the same moment are judged one after the other.
 */
@Service
public class RecoveryDesk {

    public static final ZoneId ZONE = LocalTimes.ZONE;
    static final int MAX_TEXT = 4000;
    /** 100 million yuan: more than any one loss or asset of a county's case, and far from overflowing a sum. */
    static final long MAX_FEN = 10_000_000_000L;
    /** A signed receipt's scan: a photo or a PDF of a page or two. */
    public static final int MAX_SCAN = 5 * 1024 * 1024;
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern FIXED = Pattern.compile("0[0-9]{2,3}-?[0-9]{7,8}");
    private static final char[] CODE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public record NewFile(String caseNumber, String title, String summary, UUID gridId, UUID incidentId,
            LocalDate registeredOn, UUID ownerId) {
    }

    /** How the file ended (结档结论) and the officer's note of why; both required. */
    public record CloseForm(Outcome outcome, String note) {
    }

    public record VerifyForm(Department department, String verifierName, LocalDate verifiedOn, String result) {
    }

    public record LossForm(String description, Integer quantity, Long amountFen) {
    }

    public record VictimForm(UUID personId, String name, String phone, List<LossForm> losses) {
    }

    public record SuspectForm(String name, String idNumber, LocalDate caughtOn, String note) {
    }

    public record AssetForm(AssetKind kind, String description, Long valueFen, String heldAt, AssetState state,
            LocalDate tracedOn, UUID suspectId) {
    }

    public record MoveForm(AssetState state, LocalDate on, String note) {
    }

    public record ReturnForm(UUID victimId, UUID assetId, Long amountFen, String items, LocalDate returnedOn,
            UUID eventId) {
    }

    public record RevisitForm(UUID victimId, LocalDate visitedOn, String said, Boolean satisfied) {
    }

    public record EventForm(UUID unitId, LocalDate heldOn, String place, UUID officerId, String victimsPresent,
            String note) {
    }

    private final RecoveryFiles files;
    private final Jurisdictions jurisdictions;
    private final IncidentFacts incidents;
    private final PersonLookup persons;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RecoveryDesk(RecoveryFiles files, Jurisdictions jurisdictions, IncidentFacts incidents, PersonLookup persons,
            PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.files = files;
        this.jurisdictions = jurisdictions;
        this.incidents = incidents;
        this.persons = persons;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public File get(UUID id, Actor who) {
        return files.findVisible(id, who.scopePaths()).orElseThrow(() -> new NotFound("recovery-file", id));
    }

    /** A file as a person reads it: victims' names and masked phones are personal data, so the read is audited. */
    public File read(UUID id, Actor who) {
        File f = get(id, who);
        events.publishEvent(Audited.read("recovery-file", id, f.unitPath()).by(who.name()));
        return f;
    }

    @Transactional
    public File open(NewFile n, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        text(n.caseNumber(), "caseNumber", true, 64, problems);
        text(n.title(), "title", true, 200, problems);
        text(n.summary(), "summary", false, MAX_TEXT, problems);
        UUID gridId = n.gridId();
        UUID incidentId = null;
        String incidentCode = null;
        if (n.incidentId() != null) {
            Optional<IncidentFacts.Filed> incident = incidents.filed(n.incidentId()).filter(i -> jurisdictions
                    .grid(new GridId(i.gridId())).map(g -> who.sees(g.unitPath())).orElse(false));
            if (incident.isEmpty()) {
                problems.add(problem("incidentId", "recovery.incident.unknown"));
            } else {
                incidentId = incident.get().id();
                incidentCode = incident.get().trackingCode();
                if (gridId == null) {
                    gridId = incident.get().gridId();
                }
            }
        }
        Grid grid = null;
        if (gridId == null) {
            if (n.incidentId() == null) {
                problems.add(problem("gridId", "error.field.required"));
            }
        } else {
            // held against a retirement until the file is written, which then waits for it or reads it retired
            grid = jurisdictions.gridForFiling(new GridId(gridId)).filter(g -> who.sees(g.unitPath())).orElse(null);
            if (grid == null) {
                problems.add(problem("gridId", "recovery.grid.unknown"));
            } else if (grid.retired() && n.gridId() != null) {
                // a grid chosen must be in use; one taken from the incident is where the loss was reported, kept
                problems.add(GridRetired.problem("gridId", grid));
            }
        }
        LocalDate registered = n.registeredOn() == null ? today() : n.registeredOn();
        if (registered.isAfter(today())) {
            problems.add(problem("registeredOn", "recovery.date.future"));
        }
        if (n.ownerId() == null) {
            problems.add(problem("ownerId", "recovery.owner.required"));
        } else if (grid != null && files.eligibleOwner(n.ownerId(), grid.unitPath()).isEmpty()) {
            problems.add(problem("ownerId", "recovery.owner.outside"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        files.insert(new RecoveryFiles.New(id, code(), n.caseNumber().trim(), n.title().trim(), blankToNull(n.summary()),
                grid.id().value(), incidentId, incidentCode, registered, n.ownerId(), who.staffId(), now()));
        File created = files.find(id).orElseThrow();
        events.publishEvent(Audited.created("recovery-file", id, created.unitPath(), snapshot(created)).by(who.name()));
        return created;
    }

    /** The investigating department's verification (刑侦, 经侦, 网安 核实): who verified, when, with what result. */
    @Transactional
    public File verify(UUID id, VerifyForm v, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (v.department() == null) {
            problems.add(problem("department", "error.field.required"));
        }
        text(v.verifierName(), "verifierName", true, 100, problems);
        date(v.verifiedOn(), "verifiedOn", problems);
        text(v.result(), "result", true, MAX_TEXT, problems);
        check(problems);
        File before = lockOpen(id, who);
        files.update(id, "verify_department = ?, verifier_name = ?, verified_on = ?, verification_result = ?",
                v.department().name(), v.verifierName().trim(), v.verifiedOn(), v.result().trim());
        return audited(before, who);
    }

    /** Hands the file to another officer (谁主办、谁负责). */
    @Transactional
    public File setOwner(UUID id, UUID ownerId, Actor who) {
        File before = lockOpen(id, who);
        if (ownerId == null) {
            throw Invalid.of("ownerId", "recovery.owner.required");
        }
        if (files.eligibleOwner(ownerId, before.unitPath()).isEmpty()) {
            throw Invalid.of("ownerId", "recovery.owner.outside");
        }
        files.update(id, "owner_staff_id = ?", ownerId);
        return audited(before, who);
    }

    /**
     * Closes the file (结档), judged under its row lock: never while money recovered for it could still go back to a
     * victim who misses some (追赃必还), so a return is not forgotten in a closed file.
     */
    @Transactional
    public File close(UUID id, CloseForm c, Actor who) {
        File before = lockOpen(id, who);
        // money still owed to a victim keeps the file open whatever its conclusion
        ReconciliationPolicy.Ledger ledger = files.ledger(id);
        long returnable = ReconciliationPolicy.returnableFen(ledger);
        if (returnable > 0) {
            throw new Conflict("recovery.file.returnsPending", ReconciliationPolicy.yuan(returnable));
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        Outcome outcome = c == null ? null : c.outcome();
        if (outcome == null) {
            problems.add(problem("outcome", "error.field.required"));
        } else if (outcome == Outcome.RECOVERED_IN_FULL && before.returnedFen() < before.lostFen()) {
            // the file's own figures would contradict its conclusion
            problems.add(problem("outcome", "recovery.outcome.notInFull",
                    ReconciliationPolicy.yuan(before.lostFen() - before.returnedFen())));
        } else if (outcome == Outcome.RECOVERED_IN_PART && before.returnedFen() == 0) {
            problems.add(problem("outcome", "recovery.outcome.nothingReturned"));
        } else if (outcome == Outcome.NOTHING_RECOVERABLE && before.recoveredFen() > 0) {
            problems.add(problem("outcome", "recovery.outcome.somethingRecovered",
                    ReconciliationPolicy.yuan(before.recoveredFen())));
        }
        text(c == null ? null : c.note(), "outcomeNote", true, MAX_TEXT, problems);
        check(problems);
        files.update(id, "status = 'CLOSED', outcome = ?, outcome_note = ?, closed_at = ?", outcome.name(),
                c.note().trim(), now());
        return audited(before, who);
    }

    /** Reopening clears the conclusion (the trail keeps it): the file is not ended any more, and a close asks anew. */
    @Transactional
    public File reopen(UUID id, Actor who) {
        File before = lockVisible(id, who);
        if (before.open()) {
            throw new Conflict("recovery.file.alreadyOpen");
        }
        files.update(id, "status = 'OPEN', outcome = NULL, outcome_note = NULL, closed_at = NULL");
        return audited(before, who);
    }

    /** A victim from the population records (personId) or named here, with what he lost. */
    @Transactional
    public File addVictim(UUID id, VictimForm v, Actor who) {
        newVictim(id, v, who);
        return files.find(id).orElseThrow();
    }

    /** Adds a victim (see {@link #addVictim}) and answers his id. */
    @Transactional
    public UUID newVictim(UUID id, VictimForm v, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        String name = null;
        String phone = null;
        String phoneMasked = null;
        if (v.personId() != null) {
            // the read of the person's record is audited by the lookup; recovery files are the police's, who read every
            // grid of their units (RolePolicy gives those who serve grids none of them)
            Optional<PersonLookup.PersonCard> person = persons.read(v.personId(), who.scopePaths(),
                    org.fengqiao.platform.GridReach.EVERY_GRID, who.name());
            if (person.isEmpty()) {
                problems.add(problem("personId", "recovery.person.unknown"));
            } else {
                name = person.get().name();
                phoneMasked = person.get().phoneMasked();
            }
        } else {
            text(v.name(), "name", true, 100, problems);
            name = blankToNull(v.name());
            phone = phone(v.phone(), "phone", problems);
            phoneMasked = phone == null ? null : mask(phone);
        }
        List<LossForm> losses = v.losses() == null ? List.of()
                : v.losses().stream().filter(l -> l != null && !(blankToNull(l.description()) == null
                        && l.amountFen() == null && l.quantity() == null)).toList();
        for (int i = 0; i < losses.size(); i++) {
            loss(losses.get(i), "losses[" + i + "]", problems);
        }
        if (losses.size() > 50) {
            problems.add(problem("losses", "recovery.losses.tooMany"));
        }
        check(problems);
        File before = lockOpen(id, who);
        if (v.personId() != null && files.hasPerson(id, v.personId())) {
            throw new Conflict("recovery.victim.duplicate");
        }
        // a victim typed by hand has no person to be unique on: the same name with the same phone (or both without
        // one) is the same victim sent twice, whose losses would count twice in the file's and the station's rates
        if (v.personId() == null) {
            for (byte[] sealed : files.namedVictimPhones(id, name)) {
                if (Objects.equals(sealed == null ? null : cipher.decrypt(sealed), phone)) {
                    throw new Conflict("recovery.victim.duplicateNamed");
                }
            }
        }
        UUID victim = files.addVictim(id, v.personId(), name, phone == null ? null : cipher.encrypt(phone), phoneMasked);
        for (LossForm l : losses) {
            files.addLoss(id, victim, l.description().trim(), l.quantity() == null ? 1 : l.quantity(), l.amountFen());
        }
        audited(before, who);
        return victim;
    }

    @Transactional
    public File addLoss(UUID id, UUID victimId, LossForm l, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        loss(l, "loss", problems);
        check(problems);
        File before = lockOpen(id, who);
        if (victimId == null || files.victims(id).stream().noneMatch(v -> v.id().equals(victimId))) {
            throw Invalid.of("victimId", "recovery.victim.unknown");
        }
        files.addLoss(id, victimId, l.description().trim(), l.quantity() == null ? 1 : l.quantity(), l.amountFen());
        return audited(before, who);
    }

    @Transactional
    public File addSuspect(UUID id, SuspectForm s, Actor who) {
        newSuspect(id, s, who);
        return files.find(id).orElseThrow();
    }

    /** Adds a suspect (see {@link #addSuspect}) and answers his id. */
    @Transactional
    public UUID newSuspect(UUID id, SuspectForm s, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        text(s.name(), "name", true, 100, problems);
        text(s.note(), "note", false, MAX_TEXT, problems);
        if (s.caughtOn() != null && s.caughtOn().isAfter(today())) {
            problems.add(problem("caughtOn", "recovery.date.future"));
        }
        IdentityNumber number = null;
        if (blankToNull(s.idNumber()) != null) {
            try {
                number = IdentityNumber.parse(s.idNumber().trim(), today());
            } catch (Invalid e) {
                problems.addAll(e.problems());
            }
        }
        check(problems);
        File before = lockOpen(id, who);
        UUID suspect = files.addSuspect(id, s.name().trim(), number == null ? null : cipher.encrypt(number.value()),
                number == null ? null : number.masked(), s.caughtOn(), blankToNull(s.note()));
        audited(before, who);
        return suspect;
    }

    /** A suspect's full identity number, for a role that may reveal, with a stated reason; audited. */
    public String revealSuspect(UUID id, UUID suspectId, String reason, Actor who) {
        if (reason == null || reason.trim().length() < 4) {
            throw Invalid.of("reason", "recovery.reveal.reason");
        }
        File f = get(id, who);
        byte[] sealed = files.suspectIdCipher(id, suspectId).orElseThrow(() -> new NotFound("suspect", suspectId));
        events.publishEvent(new Audited("REVEAL", "recovery-suspect", suspectId.toString(), f.unitPath(), null,
                Map.of("field", "idNumber", "reason", reason.trim(), "file", f.code()), who.name()));
        return cipher.decrypt(sealed);
    }

    /**
     * A victim's full phone, for the officer who owns the file (谁主办谁负责: he calls the victims back) or a role that
     * may reveal personal data ({@code mayReveal}), with a stated reason; audited as the population module's reveal
     * is. Only a victim typed here has his phone kept here: one from the population records is revealed on his
     * record there, and a victim without a phone or of another file is not found.
     */
    public String revealVictimPhone(UUID id, UUID victimId, String reason, boolean mayReveal, Actor who) {
        File f = get(id, who);
        if (!mayReveal && (who.staffId() == null || !who.staffId().equals(f.ownerId()))) {
            throw new AccessDeniedException("recovery.reveal.notOwner");
        }
        if (reason == null || reason.trim().length() < 4) {
            throw Invalid.of("reason", "recovery.reveal.phoneReason");
        }
        byte[] sealed = files.victimPhoneCipher(id, victimId).orElseThrow(() -> new NotFound("victim", victimId));
        events.publishEvent(new Audited("REVEAL", "recovery-victim", victimId.toString(), f.unitPath(), null,
                Map.of("field", "phone", "reason", reason.trim(), "file", f.code()), who.name()));
        return cipher.decrypt(sealed);
    }

    @Transactional
    public File addAsset(UUID id, AssetForm a, Actor who) {
        newAsset(id, a, who);
        return files.find(id).orElseThrow();
    }

    /** Adds an asset (see {@link #addAsset}) and answers its id. */
    @Transactional
    public UUID newAsset(UUID id, AssetForm a, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (a.kind() == null) {
            problems.add(problem("kind", "error.field.required"));
        }
        text(a.description(), "description", true, 500, problems);
        text(a.heldAt(), "heldAt", false, 500, problems);
        money(a.valueFen(), "valueFen", true, problems);
        AssetState state = a.state() == null ? AssetState.TRACED : a.state();
        if (state != AssetState.TRACED && state != AssetState.SEIZED && state != AssetState.FROZEN) {
            problems.add(problem("state", "recovery.asset.newState"));
        }
        LocalDate traced = a.tracedOn() == null ? today() : a.tracedOn();
        if (traced.isAfter(today())) {
            problems.add(problem("tracedOn", "recovery.date.future"));
        }
        check(problems);
        File before = lockOpen(id, who);
        if (a.suspectId() != null && files.suspects(id).stream().noneMatch(s -> s.id().equals(a.suspectId()))) {
            throw Invalid.of("suspectId", "recovery.suspect.unknown");
        }
        UUID asset = files.addAsset(id, a.suspectId(), a.kind(), a.description().trim(), a.valueFen(),
                blankToNull(a.heldAt()), state, traced);
        files.step(asset, null, AssetState.TRACED, traced, null, who.staffId());
        if (state != AssetState.TRACED) {
            files.step(asset, AssetState.TRACED, state, traced, null, who.staffId());
        }
        audited(before, who);
        return asset;
    }

    /** Seizes, freezes or confiscates an asset; RETURNED follows from the returns, never by hand. */
    @Transactional
    public File moveAsset(UUID id, UUID assetId, MoveForm m, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        LocalDate on = m.on() == null ? today() : m.on();
        if (on.isAfter(today())) {
            problems.add(problem("on", "recovery.date.future"));
        }
        text(m.note(), "note", false, MAX_TEXT, problems);
        check(problems);
        File before = lockOpen(id, who);
        ReconciliationPolicy.Ledger ledger = files.ledger(id);
        if (!ledger.assets().containsKey(assetId)) {
            throw new NotFound("asset", assetId);
        }
        check(ReconciliationPolicy.checkMove(ledger, assetId, m.state()));
        // the asset's history reads in order: no step dated before the one it follows
        files.steps(id).stream().filter(step -> step.assetId().equals(assetId)).map(RecoveryFiles.AssetStep::onDay)
                .max(LocalDate::compareTo).filter(on::isBefore).ifPresent(last -> {
                    throw Invalid.of("on", "recovery.asset.beforeLastStep", last.toString());
                });
        AssetState from = ledger.assets().get(assetId).state();
        files.setAssetState(assetId, m.state());
        files.step(assetId, from, m.state(), on, blankToNull(m.note()), who.staffId());
        return audited(before, who);
    }

    /** A new value of an asset after a valuation (价格鉴定): never below what was returned of it. */
    @Transactional
    public File revalue(UUID id, UUID assetId, Long valueFen, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        money(valueFen, "valueFen", true, problems);
        check(problems);
        File before = lockOpen(id, who);
        ReconciliationPolicy.Ledger ledger = files.ledger(id);
        if (!ledger.assets().containsKey(assetId)) {
            throw new NotFound("asset", assetId);
        }
        check(ReconciliationPolicy.checkRevalue(ledger, assetId, valueFen));
        files.setAssetValue(assetId, valueFen);
        settle(ledger.assets().get(assetId), valueFen, ledger.assets().get(assetId).returnedFen(), today(), who);
        return audited(before, who);
    }

    /**
     * Returns (part of) a recovered asset to a victim, alone or in a collective return event. Judged under the
     * file's row lock: within the asset's value, the victim's loss and the file's recovered value.
     */
    @Transactional
    public RecoveryFiles.Return addReturn(UUID id, ReturnForm r, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        LocalDate on = r.returnedOn() == null ? today() : r.returnedOn();
        if (on.isAfter(today())) {
            problems.add(problem("returnedOn", "recovery.date.future"));
        }
        text(r.items(), "items", false, 1000, problems);
        if (r.amountFen() != null && r.amountFen() > MAX_FEN) {
            problems.add(problem("amountFen", "recovery.amount.tooLarge"));
        }
        check(problems);
        File before = lockOpen(id, who);
        if (r.eventId() != null) {
            // the file is the caller's; an event held by its unit or one above it may hold its returns
            RecoveryFiles.Event event = files.findEvent(r.eventId(), null).orElse(null);
            if (event == null || !before.unitPath().startsWith(event.unitPath())) {
                throw Invalid.of("eventId", "recovery.event.unknown");
            }
            // a return made at a collective event was made that day: the receipt and the event's total say so, and
            // an event still ahead has handed nothing back yet
            if (event.heldOn().isAfter(today())) {
                throw Invalid.of("eventId", "recovery.return.eventAhead", event.heldOn().toString());
            }
            if (r.returnedOn() == null) {
                on = event.heldOn();
            } else if (!on.equals(event.heldOn())) {
                throw Invalid.of("returnedOn", "recovery.return.notEventDay", event.heldOn().toString());
            }
        }
        ReconciliationPolicy.Ledger ledger = files.ledger(id);
        check(ReconciliationPolicy.checkReturn(ledger, r.victimId(), r.assetId(), r.amountFen()));
        // what goes back to a victim was recovered first: a return dated before the asset was seized or frozen is
        // a slip of the date
        files.steps(id).stream().filter(step -> step.assetId().equals(r.assetId()) && step.to().recovered())
                .map(RecoveryFiles.AssetStep::onDay).min(LocalDate::compareTo).filter(on::isBefore)
                .ifPresent(recovered -> {
                    throw Invalid.of("returnedOn", "recovery.return.beforeRecovered", recovered.toString());
                });
        UUID returnId = UUID.randomUUID();
        files.addReturn(returnId, id, r.victimId(), r.assetId(), r.eventId(), r.amountFen(), blankToNull(r.items()), on,
                who.staffId());
        ReconciliationPolicy.AssetBalance asset = ledger.assets().get(r.assetId());
        // the asset was all returned on the day of its last return (this one or one recorded before, dated later),
        // not on the day the officer got round to recording it
        LocalDate lastReturned = files.returns(id).stream().filter(each -> each.assetId().equals(r.assetId()))
                .map(RecoveryFiles.Return::returnedOn).max(LocalDate::compareTo).orElse(on);
        settle(asset, asset.valueFen(), asset.returnedFen() + r.amountFen(), lastReturned, who);
        audited(before, who);
        return files.findReturn(id, returnId).orElseThrow();
    }

    /** An asset whose whole value went back to victims is RETURNED, as of {@code day}. */
    private void settle(ReconciliationPolicy.AssetBalance asset, long value, long returned, LocalDate day, Actor who) {
        if (asset.state() != AssetState.RETURNED && asset.state().recovered() && returned > 0 && returned == value) {
            files.setAssetState(asset.id(), AssetState.RETURNED);
            files.step(asset.id(), asset.state(), AssetState.RETURNED, day, null, who.staffId());
        }
    }

    /**
     * The receipt of a return was signed (optionally with its scan: a PDF, JPEG or PNG of at most 5 MB); once only,
     * so what the victim signed is never replaced.
     */
    @Transactional
    public File signReceipt(UUID id, UUID returnId, LocalDate signedOn, byte[] scan, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        LocalDate on = signedOn == null ? today() : signedOn;
        if (on.isAfter(today())) {
            problems.add(problem("signedOn", "recovery.date.future"));
        }
        String type = null;
        if (scan != null && scan.length > 0) {
            if (scan.length > MAX_SCAN) {
                problems.add(problem("scan", "recovery.scan.tooLarge"));
            } else {
                type = scanType(scan);
                if (type == null) {
                    problems.add(problem("scan", "recovery.scan.type"));
                }
            }
        }
        check(problems);
        File before = lockVisible(id, who);
        RecoveryFiles.Return r = files.findReturn(id, returnId).orElseThrow(() -> new NotFound("return", returnId));
        if (r.signed()) {
            // signed once, under the file's lock: a second post (twice pressed, two officers) would replace the
            // victim's signed scan, or wipe it when it carries none
            throw new Conflict("recovery.receipt.alreadySigned", r.receiptSignedOn().toString());
        }
        if (on.isBefore(r.returnedOn())) {
            throw Invalid.of("signedOn", "recovery.receipt.beforeReturn");
        }
        files.signReceipt(returnId, on, who.staffId(), type == null ? null : scan, type);
        return audited(before, who);
    }

    /** What a scan is, by its first bytes: a PDF, a JPEG or a PNG; null for anything else. */
    public static String scanType(byte[] b) {
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), png)) {
            return "image/png";
        }
        return null;
    }

    public RecoveryFiles.Scan scan(UUID id, UUID returnId, Actor who) {
        File f = get(id, who);
        RecoveryFiles.Scan scan = files.scan(id, returnId).orElseThrow(() -> new NotFound("scan", returnId));
        events.publishEvent(Audited.read("recovery-file", id, f.unitPath()).by(who.name()));
        return scan;
    }

    /** 回访: a visit back to a victim, what he said and whether he is satisfied. */
    @Transactional
    public File addRevisit(UUID id, RevisitForm r, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        date(r.visitedOn(), "visitedOn", problems);
        text(r.said(), "said", true, MAX_TEXT, problems);
        if (r.satisfied() == null) {
            problems.add(problem("satisfied", "error.field.required"));
        }
        check(problems);
        File before = lockVisible(id, who);
        if (r.victimId() == null || files.victims(id).stream().noneMatch(v -> v.id().equals(r.victimId()))) {
            throw Invalid.of("victimId", "recovery.victim.unknown");
        }
        if (r.visitedOn().isBefore(before.registeredOn())) {
            // a visit back to a victim follows the file: one dated before it is a slip of the date
            throw Invalid.of("visitedOn", "recovery.revisit.beforeRegistered", before.registeredOn().toString());
        }
        files.addRevisit(id, r.victimId(), r.visitedOn(), who.staffId(), r.said().trim(), r.satisfied());
        return audited(before, who);
    }

    /** 集中返赃: an event held by a unit of the caller's scope, whose returns are then recorded on their files. */
    @Transactional
    public RecoveryFiles.Event addEvent(EventForm e, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        RecoveryFiles.UnitChoice unit = null;
        if (e.unitId() == null) {
            problems.add(problem("unitId", "error.field.required"));
        } else {
            unit = files.unit(e.unitId(), who.scopePaths()).orElse(null);
            if (unit == null) {
                problems.add(problem("unitId", "recovery.unit.unknown"));
            }
        }
        if (e.heldOn() == null) {
            problems.add(problem("heldOn", "error.field.required"));
        }
        text(e.place(), "place", true, 200, problems);
        text(e.victimsPresent(), "victimsPresent", false, MAX_TEXT, problems);
        text(e.note(), "note", false, MAX_TEXT, problems);
        if (e.officerId() == null) {
            problems.add(problem("officerId", "error.field.required"));
        } else if (unit != null && files.eligibleStaff(e.officerId(), unit.path(), who.scopePaths()).isEmpty()) {
            problems.add(problem("officerId", "recovery.owner.unknown"));
        }
        check(problems);
        UUID id = UUID.randomUUID();
        files.addEvent(id, unit.id(), e.heldOn(), e.place().trim(), e.officerId(), blankToNull(e.victimsPresent()),
                blankToNull(e.note()), who.staffId());
        RecoveryFiles.Event created = files.findEvent(id, null).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("heldOn", String.valueOf(created.heldOn()));
        after.put("place", created.place());
        after.put("officer", created.officerName());
        after.put("victimsPresent", created.victimsPresent());
        events.publishEvent(Audited.created("recovery-event", id, created.unitPath(), after).by(who.name()));
        return created;
    }

    public RecoveryFiles.Event event(UUID id, Actor who) {
        RecoveryFiles.Event e = files.findEvent(id, who.scopePaths()).orElseThrow(() -> new NotFound("recovery-event", id));
        events.publishEvent(Audited.read("recovery-event", id, e.unitPath()).by(who.name()));
        return e;
    }

    // ---- checks ----

    private void loss(LossForm l, String field, List<Invalid.Problem> problems) {
        if (l == null) {
            problems.add(problem(field, "error.field.required"));
            return;
        }
        text(l.description(), field + ".description", true, 500, problems);
        if (l.quantity() != null && (l.quantity() < 1 || l.quantity() > 1_000_000)) {
            problems.add(problem(field + ".quantity", "recovery.quantity.invalid"));
        }
        money(l.amountFen(), field + ".amountFen", true, problems);
    }

    private static void money(Long fen, String field, boolean required, List<Invalid.Problem> problems) {
        if (fen == null) {
            if (required) {
                problems.add(problem(field, "error.field.required"));
            }
        } else if (fen < 0) {
            problems.add(problem(field, "recovery.amount.negative"));
        } else if (fen > MAX_FEN) {
            problems.add(problem(field, "recovery.amount.tooLarge"));
        }
    }

    private void date(LocalDate d, String field, List<Invalid.Problem> problems) {
        if (d == null) {
            problems.add(problem(field, "error.field.required"));
        } else if (d.isAfter(today())) {
            problems.add(problem(field, "recovery.date.future"));
        }
    }

    private static String phone(String raw, String field, List<Invalid.Problem> problems) {
        String phone = raw == null || raw.isBlank() ? null : raw.replace(" ", "").replace("+86", "");
        if (phone != null && !MOBILE.matcher(phone).matches() && !FIXED.matcher(phone).matches()) {
            problems.add(problem(field, "recovery.phone.invalid"));
        }
        return phone;
    }

    private static void text(String value, String field, boolean required, int max, List<Invalid.Problem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(problem(field, "error.field.required"));
            }
        } else if (value.trim().length() > max) {
            problems.add(problem(field, "recovery.text.tooLong"));
        }
    }

    private static void check(List<Invalid.Problem> problems) {
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
    }

    File lockVisible(UUID id, Actor who) {
        files.findVisible(id, who.scopePaths()).orElseThrow(() -> new NotFound("recovery-file", id));
        files.lock(id);
        return files.find(id).orElseThrow();
    }

    private File lockOpen(UUID id, Actor who) {
        File f = lockVisible(id, who);
        if (!f.open()) {
            throw new Conflict("recovery.file.closed");
        }
        return f;
    }

    private File audited(File before, Actor who) {
        File after = files.find(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("recovery-file", before.id(), before.unitPath(), snapshot(before),
                snapshot(after)).by(who.name()));
        return after;
    }

    /** What the trail keeps of a file: its facts and money, victims (phones masked), suspects, assets, returns. */
    Map<String, Object> snapshot(File f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code());
        m.put("caseNumber", f.caseNumber());
        m.put("title", f.title());
        m.put("grid", f.gridCode());
        m.put("owner", f.ownerName());
        m.put("status", f.status().name());
        m.put("outcome", f.outcome() == null ? null : f.outcome().name());
        m.put("outcomeNote", f.outcomeNote());
        m.put("verification", f.verifyDepartment() == null ? null
                : f.verifyDepartment() + " " + f.verifierName() + " " + f.verifiedOn() + " " + f.verificationResult());
        m.put("lostFen", f.lostFen());
        m.put("recoveredFen", f.recoveredFen());
        m.put("returnedFen", f.returnedFen());
        m.put("victims", files.victims(f.id()).stream().map(v -> v.name() + (v.phoneMasked() == null ? "" : " "
                + v.phoneMasked()) + " lost " + v.lostFen() + " returned " + v.returnedFen()).toList());
        m.put("suspects", files.suspects(f.id()).stream().map(s -> s.name() + (s.idMasked() == null ? "" : " "
                + s.idMasked())).toList());
        m.put("assets", files.assets(f.id()).stream().map(a -> a.kind() + " " + a.description() + " " + a.valueFen()
                + " " + a.state() + " returned " + a.returnedFen()).toList());
        m.put("returns", files.returns(f.id()).stream().map(r -> r.victimName() + " " + r.amountFen() + " "
                + r.returnedOn() + (r.signed() ? " signed " + r.receiptSignedOn() : "")).toList());
        m.put("revisits", files.revisits(f.id()).size());
        return m;
    }

    static String mask(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    private static String code() {
        StringBuilder code = new StringBuilder("ZA");
        for (int k = 0; k < 10; k++) {
            code.append(CODE[RANDOM.nextInt(CODE.length)]);
        }
        return code.toString();
    }

    static Invalid.Problem problem(String field, String key, Object... args) {
        return new Invalid.Problem(field, key, args);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
