package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.incident.internal.IdempotencyKeyReused;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Photos;
import org.fengqiao.incident.internal.ResidentDesk;
import org.fengqiao.incident.internal.TrackingCodes;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public pages of residents (no account, phone-sized, Chinese by default with English): the report
 * form, and the tracking page of a report by its code, where the reporter adds information and photos,
 * rates the answer and reopens it. Plain forms that post and redirect; a script only fills in the browser's
 * location when asked.
 */
@Controller
@FieldLabels({"incident.report.", "incident.field.", "incident.track."})
class ResidentPages {

    /** The session attribute holding the secret the browser's form keys are bound to. */
    static final String FORM_SECRET = "fengqiao.resident.formSecret";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The categories a resident chooses from; a case comes as its kind, so he need not know the word. */
    static final List<String> CHOICES = List.of("HELP", "DISPUTE", "CASE_CRIMINAL", "CASE_PUBLIC_ORDER", "TRAFFIC",
            "DISASTER", "COMPLAINT", "DEPARTMENT");

    record GridChoice(UUID id, String name, String community) {
    }

    private final ResidentDesk residents;
    private final TrackViews views;
    private final JdbcClient jdbc;
    private final MessageSource messages;

    private final FormAnswers answers;
    private final FengqiaoProperties properties;

    ResidentPages(ResidentDesk residents, TrackViews views, JdbcClient jdbc, MessageSource messages,
            FormAnswers answers, FengqiaoProperties properties) {
        this.answers = answers;
        this.properties = properties;
        this.residents = residents;
        this.views = views;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @GetMapping("/report")
    String form(Model model, HttpServletRequest request) {
        // empty, or as typed when it comes back to be sent again (a page that had expired: see SecurityConfiguration)
        return formPage(model, request);
    }

    @PostMapping("/report")
    String file(@RequestParam Map<String, String> fields,
            @RequestParam(name = "photos", required = false) List<MultipartFile> files, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
        String choice = fields.getOrDefault("category", "");
        Category category = null;
        Subtype subtype = null;
        if (CHOICES.contains(choice)) {
            category = choice.startsWith("CASE_") ? Category.CASE : Category.valueOf(choice);
            subtype = choice.equals("CASE_CRIMINAL") ? Subtype.CRIMINAL
                    : choice.equals("CASE_PUBLIC_ORDER") ? Subtype.PUBLIC_ORDER : null;
        }
        try {
            if (!fields.getOrDefault("website", "").isEmpty()) {
                throw Invalid.of("form", "incident.report.rejected"); // the field people never see: a robot filled it
            }
            NewIncident n = new NewIncident(Source.RESIDENT, category, subtype,
                    category == Category.DEPARTMENT ? fields.get("department") : null, fields.get("description"), null,
                    number(fields.get("lon"), "location"), number(fields.get("lat"), "location"),
                    fields.get("address"), uuid(fields.get("gridId")), fields.get("reporterName"),
                    fields.get("reporterPhone"), null, fields.get("idempotencyKey"));
            Incidents.Incident filed = residents.file(n, uploads(files), request.getRemoteAddr(), browser(request));
            redirect.addFlashAttribute("filed", true);
            return "redirect:/track/" + filed.trackingCode();
        } catch (IdempotencyKeyReused e) {
            // this very form was filed before from this browser (the key is bound to it) and has been changed since:
            // say so in plain words, with the report it became, and offer a new form (a fresh one: sent again, the
            // edited one would file a second report)
            response.setStatus(422);
            model.addAttribute("alreadyFiled", residents.trackingCode(e.firstIncident()));
            model.addAttribute("form", new LinkedHashMap<String, String>());
            return formPage(model, request);
        } catch (Invalid e) {
            response.setStatus(400);
            model.addAttribute("problems", withPhotosAgain(answers.texts(e, locale), files, locale));
        } catch (ResidentDesk.Limited e) {
            response.setStatus(429);
            model.addAttribute("problems", withPhotosAgain(List.of(messages.getMessage("incident.report.limited",
                    new Object[] {e.perHour()}, locale)), files, locale));
        }
        model.addAttribute("form", fields);
        return formPage(model, request);
    }

    /**
     * The secret of this browser's session, to which the form keys it sends are bound (see {@link ResidentDesk#file}):
     * made when the session first gets a form, so that a form sent twice at once (a double tap) finds it already
     * there; made on the spot for a form the session never got from here. The session is the one that holds the CSRF
     * token every form is checked against, so a browser that sends a form has it.
     */
    static byte[] browser(HttpServletRequest request) {
        HttpSession session = request.getSession();
        if (session.getAttribute(FORM_SECRET) instanceof String secret) {
            return Base64.getDecoder().decode(secret);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        session.setAttribute(FORM_SECRET, Base64.getEncoder().encodeToString(secret));
        return secret;
    }

    private String formPage(Model model, HttpServletRequest request) {
        browser(request);
        model.addAttribute("choices", CHOICES);
        // in the order residents count them: 第2网格 before 第10网格
        List<GridChoice> grids = new ArrayList<>(jdbc.sql("""
                SELECT g.id, g.name, c.name FROM grid g JOIN community c ON c.id = g.community_id
                WHERE g.network = 'POLICE' AND g.retired_at IS NULL ORDER BY g.code""")
                .query((rs, n) -> new GridChoice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list());
        grids.sort(Comparator.comparing(GridChoice::community, Texts.NATURAL).thenComparing(GridChoice::name, Texts.NATURAL));
        model.addAttribute("grids", grids);
        model.addAttribute("map", properties.map());
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("maxPhotos", residents.properties().maxPhotos());
        model.addAttribute("maxPhotoMb", residents.properties().maxPhotoSize().toMegabytes());
        return "incident/report";
    }

    @GetMapping("/track")
    String find(@RequestParam(required = false) String code, HttpServletResponse response) {
        if (code == null || code.isBlank()) {
            // the address a resident is told to follow his report at, typed without the code: ask for it, not the
            // report form, which would have him file the same matter again
            return "incident/track-find";
        }
        String letters = TrackingCodes.normalized(code);
        if (letters.isEmpty()) {
            // no letter or digit of a code ("查询码", "-"): the page that says what a code looks like, not /track/'s 404
            response.setStatus(404);
            return "incident/track-missing";
        }
        return "redirect:/track/" + letters;
    }

    @GetMapping("/track/{code}")
    String track(@PathVariable String code, Locale locale, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Object found;
        try {
            // one guess of the address's share, whichever of the two ways the code is read
            found = residents.byTrackingCode(request.getRemoteAddr(), () -> {
                try {
                    return residents.track(code);
                } catch (NotFound e) {
                    String normalized = TrackingCodes.normalized(code);
                    if (normalized.isEmpty() || normalized.equals(code)) {
                        throw e;
                    }
                    // the address typed by hand or read out (lower case, in groups, without the FQ): the report it
                    // names, or mistyped (said below)
                    return residents.track(normalized).incident().trackingCode();
                }
            });
        } catch (NotFound e) {
            response.setStatus(404);
            mistyped(code, locale, model);
            return "incident/track-missing";
        } catch (ResidentDesk.TooManyGuesses e) {
            return tooManyGuesses(e, code, locale, model, response);
        }
        if (found instanceof String known) {
            return "redirect:/track/" + known;
        }
        model.addAttribute("t", views.view((ResidentDesk.Tracked) found, locale));
        model.addAttribute("link", request.getRequestURL().toString());
        model.addAttribute("maxPhotos", residents.properties().maxPhotos());
        model.addAttribute("maxPhotoMb", residents.properties().maxPhotoSize().toMegabytes());
        model.addAttribute("reopenDays", residents.properties().reopenWithin().toDays());
        return "incident/track";
    }

    /**
     * The page said when the address tried its share of codes naming no report this minute (429): what happened and
     * when to try again, in the reader's language, with the code typed kept in the box for then.
     */
    private String tooManyGuesses(ResidentDesk.TooManyGuesses e, String code, Locale locale, Model model,
            HttpServletResponse response) {
        response.setStatus(429);
        response.setHeader("Retry-After", "60");
        String typed = TrackingCodes.normalized(code == null ? "" : code);
        model.addAttribute("typed", typed.length() > 40 ? null : typed);
        model.addAttribute("limited", messages.getMessage("incident.track.limited", new Object[] {e.perMinute()},
                locale));
        return "incident/track-limited";
    }

    /**
     * A code that names no report comes back in the box to be corrected (not typed again, twelve characters on a phone),
     * with what is wrong with it when its shape says so: too short or long, not starting with FQ, or holding a character
     * no code has (0, 1, I, L, O, read for one another). A code of the right shape is only not found.
     */
    private void mistyped(String code, Locale locale, Model model) {
        String typed = TrackingCodes.normalized(code);
        if (typed.isEmpty() || typed.length() > 40) {
            return;
        }
        model.addAttribute("typed", typed);
        TrackingCodes.fault(typed).ifPresent(fault -> {
            String said;
            if (fault instanceof TrackingCodes.WrongLength l) {
                said = messages.getMessage("incident.track.missingLength", new Object[] {typed, l.length()}, locale);
            } else if (fault instanceof TrackingCodes.NotInCodes n) {
                said = messages.getMessage("incident.track.missingLetters",
                        new Object[] {typed, String.join(" ", n.characters().split(""))}, locale);
            } else {
                said = messages.getMessage("incident.track.missingStart", new Object[] {typed}, locale);
            }
            model.addAttribute("fault", said);
        });
    }

    @GetMapping("/track/{code}/photos/{photo}")
    ResponseEntity<byte[]> photo(@PathVariable String code, @PathVariable UUID photo) {
        Photos.Content content;
        try {
            content = residents.photo(code, photo);
        } catch (NotFound e) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
                .cacheControl(CacheControl.noStore()).body(content.bytes());
    }

    /**
     * A reason for reopening sent after the days for it were over, taken to a new report: the report form, nothing
     * filed yet, its description the reason he typed after the tracking code of the report it follows (the reason is
     * not lost, and the staff see what the new report continues). A code that names no report is left out.
     */
    @PostMapping("/track/{code}/anew")
    String anew(@PathVariable String code, @RequestParam(required = false) String reason, Locale locale, Model model,
            HttpServletRequest request) {
        String typed = reason == null ? "" : reason.strip();
        String known;
        try {
            known = residents.byTrackingCode(request.getRemoteAddr(),
                    () -> residents.track(code).incident().trackingCode());
        } catch (NotFound | ResidentDesk.TooManyGuesses e) {
            // the reason is not lost either way: the report form takes it, without naming a report
            known = null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("description", known == null ? typed
                : messages.getMessage("incident.track.anewDescription", new Object[] {known, typed}, locale));
        model.addAttribute("form", fields);
        return formPage(model, request);
    }

    @PostMapping("/track/{code}/{action}")
    String act(@PathVariable String code, @PathVariable String action,
            @RequestParam(required = false) String information, @RequestParam(required = false) String score,
            @RequestParam(required = false) String comment, @RequestParam(required = false) String reason,
            @RequestParam(name = "photos", required = false) List<MultipartFile> files, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
        try {
            List<ResidentDesk.Upload> uploads = uploads(files);
            residents.byTrackingCode(request.getRemoteAddr(), () -> {
                switch (action) {
                    case "information" -> residents.addInformation(code, information, uploads, request.getRemoteAddr());
                    case "rate" -> residents.rate(code, score == null || !score.matches("[0-9]{1,2}") ? null
                            : Integer.valueOf(score), comment);
                    case "reopen" -> residents.reopen(code, reason);
                    default -> throw new NotFound("action", action);
                }
                return action;
            });
            redirect.addFlashAttribute("notice", messages.getMessage("incident.track.done." + action, null, locale));
        } catch (NotFound e) {
            response.setStatus(404);
            return "incident/track-missing";
        } catch (ResidentDesk.TooManyGuesses e) {
            return tooManyGuesses(e, code, locale, model, response);
        } catch (Invalid e) {
            answers.refused(redirect, withPhotosAgain(answers.texts(e, locale), files, locale));
        } catch (Conflict e) {
            answers.refused(redirect, e, locale);
        } catch (ResidentDesk.Limited e) {
            answers.refused(redirect, withPhotosAgain(List.of(messages.getMessage("incident.report.limited",
                    new Object[] {e.perHour()}, locale)), files, locale));
        }
        return "redirect:/track/" + code;
    }

    /**
     * The refusal's lines, and when photos were sent with the form, one more saying to choose them again: the form
     * comes back with what was typed but no browser keeps a chosen file.
     */
    private List<String> withPhotosAgain(List<String> problems, List<MultipartFile> files, Locale locale) {
        if (files == null || files.stream().allMatch(f -> f == null || f.isEmpty())) {
            return problems;
        }
        List<String> lines = new ArrayList<>(problems);
        lines.add(messages.getMessage("incident.report.photosAgain", null, locale));
        return lines;
    }

    /** The photos sent, each read no further than the desk needs to judge it ({@link ResidentDesk#uploadLimit}). */
    private List<ResidentDesk.Upload> uploads(List<MultipartFile> files) {
        List<ResidentDesk.Upload> uploads = new ArrayList<>();
        if (files == null) {
            return uploads;
        }
        ResidentDesk.UploadLimit limit = residents.uploadLimit();
        for (MultipartFile f : files) {
            if (f == null || f.isEmpty()) {
                continue;
            }
            if (uploads.size() == limit.files()) {
                break;
            }
            try (java.io.InputStream in = f.getInputStream()) {
                uploads.add(new ResidentDesk.Upload(f.getOriginalFilename(),
                        in.readNBytes((int) Math.min(limit.bytesPerFile(), Integer.MAX_VALUE - 8))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }

    private static Double number(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw Invalid.of(field, "error.field.format");
        }
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw Invalid.of("gridId", "incident.grid.notFound");
        }
    }

}
