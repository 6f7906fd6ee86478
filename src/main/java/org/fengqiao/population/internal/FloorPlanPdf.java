package org.fengqiao.population.internal;

import java.awt.Color;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.pdf.PdfLayout;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The floor plan of a building (居民信息平面图, seed 003) as a PDF that prints on one A4 sheet: floors from the top
 * down, the units side by side, each room with its number, its marks and the head of each household in it, a legend
 * of the marks, and a title with the building's address, grid and the date printed. The server lays it out, so the
 * sheet is the same from every browser and gets the platform's PDF rules (CJK font, 禁则 line breaking, the footer).
 *
 * <p>It shows what the HTML plan shows the same caller: the head's name in full, else the household's number (the
 * plan is an overview of who lives where for those who read population records; it reveals no identity number or
 * phone, and like the page it writes no read of a person's record to the audit trail).
 *
 * <p>Fitting: both orientations are tried at type sizes from {@value #MAX_SIZE} pt down to {@value #MIN_SIZE} pt;
 * the largest size at which the whole plan fits one page wins, portrait when both fit alike. A building too large
 * even at the smallest readable size is not cut and not shrunk further: its floors continue on the next page (and
 * units too wide for the sheet on further pages), each page repeating the units' header, in the orientation that
 * needs the fewest pages, in the largest type that needs no more of them.
 */
@Service
public class FloorPlanPdf {

    static final float MAX_SIZE = 9f;
    /** The smallest type the rooms are set in: about 2 mm for a Chinese character, still read at arm's length. */
    static final float MIN_SIZE = 6f;
    private static final float STEP = 0.25f;
    /** About 10 mm, the margin the page's own print style used. */
    private static final float MARGIN = 28f;
    private static final float LEGEND_SIZE = 8f;
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The marks' colours, the same as the HTML plan's. */
    private static final Map<String, Color> COLOURS = Map.of("KEY_PERSON", new Color(0xb00020),
            "RENTAL", new Color(0x1d4f91), "LEFT_BEHIND_CHILD", new Color(0x7b3fa0),
            "ELDERLY_ALONE", new Color(0xa35a00), "IN_DIFFICULTY", new Color(0xc2185b),
            "TRUSTED", new Color(0x1b6e3a), "VACANT", new Color(0x9aa1ad), "TASK", new Color(0xe65100));
    private static final Color LINE = new Color(0xb8bfcb);
    private static final Color MUTED = new Color(0x5b6472);
    private static final Color VACANT_FILL = new Color(0xeef0f3);
    private static final Color HEADER_FILL = new Color(0xebedf2);

    private final Buildings buildings;
    private final VerificationTasks tasks;
    private final MessageSource messages;
    private final java.time.Clock clock;
    private final ApplicationEventPublisher events;

    FloorPlanPdf(Buildings buildings, VerificationTasks tasks, MessageSource messages, java.time.Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.buildings = buildings;
        this.tasks = tasks;
        this.messages = messages;
        this.clock = clock;
    }

    /** A room as the sheet prints it: its number, the marks' codes in the legend's order, one line per household. */
    record Room(String number, List<String> marks, List<String> heads, boolean vacant, boolean keyPerson) {
    }

    /** One column of rooms: the index-th room of a unit on every floor. */
    record Column(int unit, int index) {
    }

    /** What one page holds: some columns (all, unless the building is too wide) and some floors. */
    record Page(List<Column> columns, List<Integer> floors) {
    }

    /** The chosen orientation, type size and pages. */
    record Fit(boolean landscape, float size, List<Page> pages) {
    }

    /** The floor plan as PDF; 404 (NotFound) outside the caller's subtree, as the page. */
    public byte[] print(UUID buildingId, Caller caller, Locale locale) {
        Buildings.Building b = buildings.findVisible(buildingId, caller)
                .orElseThrow(() -> new NotFound("building", buildingId));
        Set<UUID> taskRooms = Set.copyOf(tasks.roomsWithOpenTasks(buildingId));
        Sheet sheet = new Sheet(FloorPlan.of(buildings.plan(buildingId)), taskRooms, locale);
        OffsetDateTime now = OffsetDateTime.now(clock).atZoneSameInstant(Housing.LOCAL).toOffsetDateTime();
        String title = t(locale, "housing.pdf.title", b.name());
        LocalDate today = now.toLocalDate();
        String subtitle = b.address() == null || b.address().isBlank()
                ? t(locale, "housing.pdf.subtitleNoAddress", b.gridName(), b.gridCode(), today.toString())
                : t(locale, "housing.pdf.subtitle", b.address(), b.gridName(), b.gridCode(), today.toString());
        try (PdfLayout pdf = new PdfLayout(title, caller.displayName(), MARGIN)) {
            Fit fit = sheet.fit(pdf, title, subtitle);
            pdf.landscape(fit.landscape());
            sheet.draw(pdf, fit, title, subtitle);
            byte[] printed = pdf.finish(t(locale, "housing.pdf.footer", title, caller.displayName(), now.format(DAY_TIME)));
            // a sheet of every household head's name in a building leaves the system: who printed which building
            // is on the audit trail, as an export of persons is (the page itself, read on screen, is not)
            events.publishEvent(Audited.read("building", buildingId, b.unitPath()));
            return printed;
        }
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** The plan's rooms in columns and floors, measured and drawn in one language. */
    final class Sheet {

        private final Locale locale;
        /** Floors from the top down, as the building stands. */
        private final List<Integer> floors = new ArrayList<>();
        /** floor → unit → rooms of that unit on that floor, in number order. */
        private final Map<Integer, Map<Integer, List<Room>>> rooms = new TreeMap<>();
        private final List<Column> columns = new ArrayList<>();
        /** The marks the legend lists: every mark of the plan, and the open-task mark when a room has it. */
        private final List<String> legend = new ArrayList<>();

        Sheet(FloorPlan plan, Set<UUID> taskRooms, Locale locale) {
            this.locale = locale;
            Map<Integer, Integer> widest = new TreeMap<>();
            boolean anyTask = false;
            for (FloorPlan.Floor f : plan.floors()) {
                floors.add(f.floor());
                for (FloorPlan.UnitRooms u : f.units()) {
                    List<Room> list = new ArrayList<>();
                    for (FloorPlan.Room r : u.rooms()) {
                        Set<String> marks = new LinkedHashSet<>();
                        r.marks().forEach(m -> marks.add(m.name()));
                        if (taskRooms.contains(r.id())) {
                            marks.add("TASK");
                            anyTask = true;
                        }
                        List<String> heads = new ArrayList<>();
                        for (FloorPlan.HouseholdRef h : r.households()) {
                            // as the HTML plan: the head's name, else the household's number, else a dash
                            heads.add(h.head() != null ? h.head() : h.number() != null ? h.number() : "—");
                        }
                        list.add(new Room(r.number(), List.copyOf(marks), heads, r.marks().contains(FloorPlan.Mark.VACANT),
                                r.marks().contains(FloorPlan.Mark.KEY_PERSON)));
                    }
                    rooms.computeIfAbsent(f.floor(), k -> new TreeMap<>()).put(u.unit(), list);
                    widest.merge(u.unit(), list.size(), Math::max);
                }
            }
            widest.forEach((unit, count) -> {
                for (int i = 0; i < count; i++) {
                    columns.add(new Column(unit, i));
                }
            });
            for (FloorPlan.Mark m : FloorPlan.Mark.values()) {
                legend.add(m.name());
            }
            if (anyTask) {
                legend.add("TASK");
            }
        }

        private String t(String key, Object... args) {
            return FloorPlanPdf.this.t(locale, key, args);
        }

        private String shortMark(String mark) {
            return "TASK".equals(mark) ? t("utilities.task.mark") : t("housing.markShort." + mark);
        }

        private String markName(String mark) {
            return "TASK".equals(mark) ? t("utilities.task.markTitle") : t("housing.mark." + mark);
        }

        private Room room(int floor, Column c) {
            List<Room> list = rooms.getOrDefault(floor, Map.of()).get(c.unit());
            return list == null || c.index() >= list.size() ? null : list.get(c.index());
        }

        // ---- measures at a type size s

        private float pad(float s) {
            return s * 0.3f;
        }

        private float lead(float s) {
            return s * 1.25f;
        }

        /** A badge's letter is as large as the room's number: never below the readable minimum. */
        private float badgeSize(float s) {
            return s;
        }

        private float unitGap(float s) {
            return s * 0.6f;
        }

        private float badgeWidth(PdfLayout pdf, String mark, float s) {
            return pdf.measure(shortMark(mark), badgeSize(s)) + s * 0.4f;
        }

        /** Measures that depend on the type size alone, kept per size: each is asked once per column and floor. */
        private final Map<Float, Float> labelWidths = new HashMap<>();
        private final Map<Float, Float> minCellWidths = new HashMap<>();

        private float floorLabelWidth(PdfLayout pdf, float s) {
            return labelWidths.computeIfAbsent(s, k -> measureFloorLabels(pdf, s));
        }

        private float measureFloorLabels(PdfLayout pdf, float s) {
            float widest = 0;
            for (int f : floors) {
                widest = Math.max(widest, pdf.measure(t("housing.plan.floor", f), s));
            }
            return widest + 2 * pad(s);
        }

        /** The narrowest a room's cell may be: its number on one line, and two Chinese characters of a name. */
        private float minCellWidth(PdfLayout pdf, float s) {
            return minCellWidths.computeIfAbsent(s, k -> measureMinCell(pdf, s));
        }

        private float measureMinCell(PdfLayout pdf, float s) {
            float widest = 2 * s;
            for (Map<Integer, List<Room>> units : rooms.values()) {
                for (List<Room> list : units.values()) {
                    for (Room r : list) {
                        widest = Math.max(widest, pdf.measure(r.number(), s));
                        for (String m : r.marks()) {
                            widest = Math.max(widest, badgeWidth(pdf, m, s));
                        }
                    }
                }
            }
            return widest + 2 * pad(s);
        }

        /** The room's lines in a cell of width w: the number with the marks after it (wrapping), then the heads. */
        private List<List<Object>> cellLines(PdfLayout pdf, Room r, float w, float s) {
            float inner = w - 2 * pad(s);
            List<List<Object>> lines = new ArrayList<>();
            List<Object> line = new ArrayList<>();
            line.add(r.number());
            float used = pdf.measure(r.number(), s);
            for (String m : r.marks()) {
                float bw = badgeWidth(pdf, m, s);
                float gap = line.isEmpty() ? 0 : s * 0.25f;
                if (!line.isEmpty() && used + gap + bw > inner) {
                    lines.add(line);
                    line = new ArrayList<>();
                    used = 0;
                    gap = 0;
                }
                line.add(new Badge(m));
                used += gap + bw;
            }
            lines.add(line);
            for (String head : r.heads()) {
                for (String l : pdf.wrap(head, s, inner)) {
                    lines.add(List.of(l));
                }
            }
            return lines;
        }

        private float cellHeight(PdfLayout pdf, Room r, float w, float s) {
            return cellLines(pdf, r, w, s).size() * lead(s) + 2 * pad(s);
        }

        /** The width of each room's cell on a page of these columns, or 0 when they do not fit across. */
        private float cellWidth(PdfLayout pdf, List<Column> cols, float width, float s) {
            int gaps = 0;
            for (int i = 1; i < cols.size(); i++) {
                if (cols.get(i).unit() != cols.get(i - 1).unit()) {
                    gaps++;
                }
            }
            float w = (width - floorLabelWidth(pdf, s) - unitGap(s) * (gaps + 1)) / cols.size();
            return w >= minCellWidth(pdf, s) ? w : 0;
        }

        private float headerHeight(PdfLayout pdf, List<Column> cols, float cellW, float s) {
            int lines = 1;
            for (int i = 0; i < cols.size(); ) {
                int j = i;
                while (j < cols.size() && cols.get(j).unit() == cols.get(i).unit()) {
                    j++;
                }
                lines = Math.max(lines, pdf.wrap(t("housing.plan.unit", cols.get(i).unit()), s, (j - i) * cellW).size());
                i = j;
            }
            return lines * lead(s) + 2 * pad(s);
        }

        private float rowHeight(PdfLayout pdf, int floor, List<Column> cols, float cellW, float s) {
            float h = lead(s) + 2 * pad(s);
            for (Column c : cols) {
                Room r = room(floor, c);
                if (r != null) {
                    h = Math.max(h, cellHeight(pdf, r, cellW, s));
                }
            }
            return h;
        }

        private float legendHeight(PdfLayout pdf, float width) {
            int lines = 1;
            float used = pdf.measure(t("housing.pdf.legend"), LEGEND_SIZE) + LEGEND_SIZE;
            for (String m : legend) {
                float w = legendEntryWidth(pdf, m);
                if (used + w > width) {
                    lines++;
                    used = 0;
                }
                used += w;
            }
            return lines * lead(LEGEND_SIZE) + LEGEND_SIZE;
        }

        private float legendEntryWidth(PdfLayout pdf, String m) {
            return badgeWidth(pdf, m, LEGEND_SIZE) + LEGEND_SIZE * 0.3f + pdf.measure(markName(m), LEGEND_SIZE)
                    + LEGEND_SIZE * 1.2f;
        }

        private float continuedHeight() {
            return lead(LEGEND_SIZE) + LEGEND_SIZE * 0.5f;
        }

        /**
         * The pages at type size s on the page as turned now: the columns split where they do not fit across (at a
         * unit's edge when a unit fits a page, else inside it), the floors where they do not fit down. Null when even
         * one room's cell does not fit across.
         */
        List<Page> paginate(PdfLayout pdf, float s, float firstTop) {
            float width = pdf.bodyWidth();
            List<List<Column>> bands = new ArrayList<>();
            List<Column> band = new ArrayList<>();
            for (Column c : columns) {
                List<Column> wider = new ArrayList<>(band);
                wider.add(c);
                if (band.isEmpty() || cellWidth(pdf, wider, width, s) > 0) {
                    band = wider;
                } else {
                    // a unit that does not fit beside the others starts the next band, whole when it fits alone
                    int start = band.size();
                    while (start > 0 && band.get(start - 1).unit() == c.unit()) {
                        start--;
                    }
                    List<Column> carried = new ArrayList<>(band.subList(start, band.size()));
                    carried.add(c);
                    if (start > 0 && cellWidth(pdf, carried, width, s) > 0) {
                        bands.add(new ArrayList<>(band.subList(0, start)));
                        band = carried;
                    } else {
                        bands.add(band);
                        band = new ArrayList<>(List.of(c));
                    }
                }
            }
            if (!band.isEmpty()) {
                bands.add(band);
            }
            List<Page> pages = new ArrayList<>();
            for (List<Column> cols : bands) {
                float cellW = cellWidth(pdf, cols, width, s);
                if (cellW == 0) {
                    return null;
                }
                float header = headerHeight(pdf, cols, cellW, s);
                List<Integer> on = new ArrayList<>();
                float room = (pages.isEmpty() ? pdf.bodyHeight() - firstTop : pdf.bodyHeight() - continuedHeight())
                        - header;
                for (int f : floors) {
                    float h = rowHeight(pdf, f, cols, cellW, s);
                    if (!on.isEmpty() && h > room) {
                        pages.add(new Page(cols, on));
                        on = new ArrayList<>();
                        room = pdf.bodyHeight() - continuedHeight() - header;
                    }
                    on.add(f);
                    room -= h;
                }
                pages.add(new Page(cols, on));
            }
            return pages;
        }

        /** Whether the whole plan fits the page as turned now at type size s, below a top part of that height. */
        boolean fitsOnePage(PdfLayout pdf, float s, float firstTop) {
            float cellW = cellWidth(pdf, columns, pdf.bodyWidth(), s);
            if (cellW == 0) {
                return false;
            }
            float room = pdf.bodyHeight() - firstTop - headerHeight(pdf, columns, cellW, s);
            for (int f : floors) {
                room -= rowHeight(pdf, f, columns, cellW, s);
                if (room < 0) {
                    return false;
                }
            }
            return true;
        }

        /** The largest size at which the plan fits one page, either way turned; else the fewest pages at the least. */
        Fit fit(PdfLayout pdf, String title, String subtitle) {
            Fit best = null;
            Fit fewest = null;
            for (boolean landscape : new boolean[] {false, true}) {
                pdf.landscape(landscape);
                float top = pdf.titleHeight(title, subtitle) + legendHeight(pdf, pdf.bodyWidth());
                for (float s = MAX_SIZE; s >= MIN_SIZE - 0.001f; s -= STEP) {
                    if (best != null && s <= best.size()) {
                        break;
                    }
                    if (fitsOnePage(pdf, s, top)) {
                        best = new Fit(landscape, s, paginate(pdf, s, top));
                        break;
                    }
                }
                if (best == null) {
                    List<Page> least = paginate(pdf, MIN_SIZE, top);
                    if (least != null && (fewest == null || least.size() < fewest.pages().size())) {
                        fewest = new Fit(landscape, MIN_SIZE, least);
                    }
                }
            }
            if (best != null) {
                return best;
            }
            if (fewest == null) {
                throw new IllegalStateException("a room's cell fits no A4 page");
            }
            // as few pages as the smallest type needs, in the largest type that needs no more
            pdf.landscape(fewest.landscape());
            float top = pdf.titleHeight(title, subtitle) + legendHeight(pdf, pdf.bodyWidth());
            for (float s = MAX_SIZE; s > MIN_SIZE + 0.001f; s -= STEP) {
                List<Page> pages = paginate(pdf, s, top);
                if (pages != null && pages.size() <= fewest.pages().size()) {
                    return new Fit(fewest.landscape(), s, pages);
                }
            }
            return fewest;
        }

        void draw(PdfLayout pdf, Fit fit, String title, String subtitle) {
            float s = fit.size();
            pdf.title(title, subtitle);
            drawLegend(pdf);
            boolean first = true;
            for (Page page : fit.pages()) {
                if (!first) {
                    pdf.nextPage();
                    pdf.text(t("housing.pdf.continued", title), pdf.left(), pdf.cursor() - LEGEND_SIZE, LEGEND_SIZE, MUTED);
                    pdf.down(continuedHeight());
                }
                first = false;
                drawPage(pdf, page, s);
            }
        }

        private void drawLegend(PdfLayout pdf) {
            float width = pdf.bodyWidth();
            float x = pdf.left();
            float baseline = pdf.cursor() - LEGEND_SIZE;
            String label = t("housing.pdf.legend");
            pdf.text(label, x, baseline, LEGEND_SIZE, Color.BLACK);
            float used = pdf.measure(label, LEGEND_SIZE) + LEGEND_SIZE;
            for (String m : legend) {
                float w = legendEntryWidth(pdf, m);
                if (used + w > width) {
                    baseline -= lead(LEGEND_SIZE);
                    used = 0;
                }
                float bx = x + used;
                float bw = badge(pdf, m, bx, baseline, LEGEND_SIZE);
                pdf.text(markName(m), bx + bw + LEGEND_SIZE * 0.3f, baseline, LEGEND_SIZE, Color.BLACK);
                used += w;
            }
            pdf.down(legendHeight(pdf, width));
        }

        /** A mark's coloured badge with its short letter in white, its baseline at the text's; answers its width. */
        private float badge(PdfLayout pdf, String mark, float x, float baseline, float s) {
            float bs = badgeSize(s);
            float w = badgeWidth(pdf, mark, s);
            pdf.box(x, baseline + bs * 0.95f, w, bs * 1.25f, COLOURS.getOrDefault(mark, MUTED), null, 0);
            pdf.text(shortMark(mark), x + s * 0.2f, baseline, bs, Color.WHITE);
            return w;
        }

        private void drawPage(PdfLayout pdf, Page page, float s) {
            List<Column> cols = page.columns();
            float cellW = cellWidth(pdf, cols, pdf.bodyWidth(), s);
            float labelW = floorLabelWidth(pdf, s);
            float[] xs = new float[cols.size()];
            float x = pdf.left() + labelW + unitGap(s);
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0 && cols.get(i).unit() != cols.get(i - 1).unit()) {
                    x += unitGap(s);
                }
                xs[i] = x;
                x += cellW;
            }
            // the units' header: each unit's name over its rooms
            float header = headerHeight(pdf, cols, cellW, s);
            float top = pdf.cursor();
            for (int i = 0; i < cols.size(); ) {
                int j = i;
                while (j < cols.size() && cols.get(j).unit() == cols.get(i).unit()) {
                    j++;
                }
                float span = xs[j - 1] + cellW - xs[i];
                pdf.box(xs[i], top, span, header, HEADER_FILL, null, 0);
                float baseline = top - pad(s) - s;
                for (String line : pdf.wrap(t("housing.plan.unit", cols.get(i).unit()), s, span)) {
                    pdf.text(line, xs[i] + (span - pdf.measure(line, s)) / 2, baseline, s, Color.BLACK);
                    baseline -= lead(s);
                }
                i = j;
            }
            pdf.down(header);
            for (int f : page.floors()) {
                float h = rowHeight(pdf, f, cols, cellW, s);
                float rowTop = pdf.cursor();
                String label = t("housing.plan.floor", f);
                pdf.text(label, pdf.left() + pad(s), rowTop - (h + s * 0.7f) / 2, s, MUTED);
                for (int i = 0; i < cols.size(); i++) {
                    Room r = room(f, cols.get(i));
                    if (r != null) {
                        drawRoom(pdf, r, xs[i], rowTop, cellW, h, s);
                    }
                }
                pdf.down(h);
            }
        }

        private void drawRoom(PdfLayout pdf, Room r, float x, float top, float w, float h, float s) {
            // a vacant room greyed, a key person's room outlined in the key-person red, as on the page
            pdf.box(x, top, w, h, r.vacant() ? VACANT_FILL : null, r.keyPerson() ? COLOURS.get("KEY_PERSON") : LINE,
                    r.keyPerson() ? 1.2f : 0.5f);
            float baseline = top - pad(s) - s;
            for (List<Object> line : cellLines(pdf, r, w, s)) {
                float at = x + pad(s);
                for (Object part : line) {
                    if (part instanceof Badge b) {
                        at += (at > x + pad(s) ? s * 0.25f : 0);
                        at += badge(pdf, b.mark(), at, baseline, s);
                    } else {
                        String text = (String) part;
                        pdf.text(text, at, baseline, s, r.vacant() ? MUTED : Color.BLACK);
                        at += pdf.measure(text, s);
                    }
                }
                baseline -= lead(s);
            }
        }
    }

    /** A mark's badge on a line of a room's cell. */
    private record Badge(String mark) {
    }
}
