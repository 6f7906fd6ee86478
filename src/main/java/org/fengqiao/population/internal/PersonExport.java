package org.fengqiao.population.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.Ledger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the caller may see of the population as xlsx, written as it is read (SXSSF keeps {@link #WINDOW} rows in memory,
 * the rest in a compressed temporary file removed once written), identity numbers and phones masked as in every list.
 * The export is one audited READ with its count; a list longer than a sheet holds ends in a row saying so.
 *
 * <p>It is written in the person import's own columns and values, in the reader's language: the Chinese headers and
 * values (姓名, 男, 户主, 常住, 汉族 …) or the English ones the import reads just as well (name, male, head, permanent,
 * Han …, see {@link PersonImport.Column}), so a file exported, edited and imported back updates the persons it lists
 * whichever language it was written in: each row names its person by id (人员编号, personId), which lets the import keep
 * the stored numbers behind the masked ones. The categories (类别) are written by their names (涉毒人员、留守儿童, or
 * Drug-involved, Left-behind child, {@link PersonCategories#names}), which the import reads back: a name added to or
 * taken from the cell adds or takes away that category.
 */
@Service
public class PersonExport {

    static final int PAGE = 5000;
    /** How many persons are read at a time. Not final: a test lowers it rather than writing thousands. */
    int page = PAGE;
    /** The rows the sheet being written keeps in memory: those before are on disk (SXSSF), not in the heap. */
    static final int WINDOW = 200;
    /**
     * The most persons one file holds: an xlsx sheet ends at row 1,048,576, which holds the header, these and a last
     * row saying the file is cut (a county's million persons fit). Past it POI refuses the row and the download broke
     * off half-written; now the file ends saying so. Not final: a test lowers it rather than writing a million rows.
     */
    int most = SpreadsheetVersion.EXCEL2007.getMaxRows() - 2;
    /** The import's columns in its order: the categories, then the person's id last (a long code nobody edits). */
    static final List<PersonImport.Column> COLUMNS = List.of(PersonImport.Column.values());

    private final Persons persons;
    private final PersonRegister register;
    private final Households households;
    private final PersonCategories categories;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final PlatformTransactionManager transactions;

    PersonExport(Persons persons, PersonRegister register, Households households, PersonCategories categories,
            ApplicationEventPublisher events, MessageSource messages, PlatformTransactionManager transactions) {
        this.persons = persons;
        this.register = register;
        this.households = households;
        this.categories = categories;
        this.events = events;
        this.messages = messages;
        this.transactions = transactions;
    }

    /** The file's name in the reader's language, without its extension. */
    public String fileName(Locale locale) {
        return messages.getMessage("population.persons.export.file", null, locale);
    }

    static List<String> headers(Locale locale) {
        List<String> headers = new ArrayList<>();
        COLUMNS.forEach(c -> headers.add(c.label(locale)));
        return headers;
    }

    /**
     * Writes the persons the search lists: its text read as the list read it ({@link PersonRegister#readAs}: letters
     * the list took for a surname spelled out are exported so too), every page of it, in the reader's language, the
     * sheet named in it. The reading of the letters and every page are read in one snapshot ({@link Ledger#snapshot}),
     * each page after the last person written ({@link Persons#exportPage}, in the list's order): a person registered,
     * renamed or moved by someone else while a large export is read is neither written twice nor left out, and each
     * page costs what the first does. Audited after the write with the filters it was asked for, as the list's search
     * is (an identity number or phone searched for by its kind only), and the count.
     */
    public long write(PersonQuery typed, Caller caller, Locale locale, OutputStream out) throws IOException {
        long[] count = {0};
        boolean[] cut = {false};
        PersonQuery[] read = {typed};
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        // a county's rows flushed to disk are XML of a million lines: compressed, a tenth of the temporary disk
        workbook.setCompressTempFiles(true);
        try {
            Sheet sheet = workbook.createSheet(messages.getMessage("population.persons.export.sheet", null, locale));
            Row header = sheet.createRow(0);
            List<String> headers = headers(locale);
            for (int i = 0; i < headers.size(); i++) {
                header.createCell(i).setCellValue(headers.get(i));
                sheet.setColumnWidth(i, width(COLUMNS.get(i)) * 256);
            }
            // thousands of rows: the header stays in view as the officer scrolls down, as a list's header does
            sheet.createFreezePane(0, 1);
            Ledger.snapshot(transactions, () -> {
                PersonQuery query = register.readAs(typed, caller);
                read[0] = query;
                Persons.After after = null;
                while (true) {
                    Persons.Stretch page = persons.exportPage(query, caller, after, this.page);
                    Map<UUID, String> numbers = households.numbers(page.rows().stream().map(Persons.Row::householdId)
                            .filter(Objects::nonNull).distinct().toList());
                    for (Persons.Row p : page.rows()) {
                        if (count[0] == most) {
                            // a file cut short says so in its last row: read alone it would pass for the whole list
                            cut[0] = true;
                            sheet.createRow((int) count[0] + 1).createCell(0).setCellValue(messages.getMessage(
                                    "population.persons.export.cut", new Object[] {most}, locale));
                            break;
                        }
                        Row row = sheet.createRow((int) ++count[0]);
                        for (int i = 0; i < COLUMNS.size(); i++) {
                            String value = value(COLUMNS.get(i), p, numbers, locale);
                            if (value != null) {
                                row.createCell(i).setCellValue(value);
                            }
                        }
                    }
                    if (cut[0] || page.next() == null) {
                        break;
                    }
                    after = page.next();
                }
            });
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
        Map<String, Object> asked = asked(read[0], count[0]);
        asked.put("cut", cut[0]);
        events.publishEvent(new Audited("READ", "person-export", null, null, null, asked, null));
        return count[0];
    }

    /** The filters an export was asked for, those set, and how many persons it wrote. */
    private static Map<String, Object> asked(PersonQuery query, long rows) {
        PersonQuery.Kind kind = query.kind();
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("kind", kind.name());
        // a number searched for is named by its kind, as the list's search is audited: the trail keeps no number
        switch (kind) {
            case NONE, ID_NUMBER, ID_LAST4, ID_LAST6, PHONE -> { }
            default -> asked.put("text", query.text());
        }
        putIfSet(asked, "address", query.address());
        putIfSet(asked, "category", query.category());
        putIfSet(asked, "keyPersonType", query.keyPersonType());
        putIfSet(asked, "residence", query.residence());
        putIfSet(asked, "gridId", query.gridId());
        asked.put("rows", rows);
        return asked;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            map.put(key, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    /**
     * How many characters wide a column opens, so that what it holds reads whole without widening it by hand: an
     * identity number's 18, an address of county, township, village and door, the person's id of 36; a spreadsheet's
     * default of some 8 cut all of these off.
     */
    static int width(PersonImport.Column column) {
        return switch (column) {
            case NAME, SEX, ETHNICITY, RELATION, RESIDENCE -> 12;
            case ID_NUMBER -> 22;
            case ADDRESS -> 48;
            case WORKPLACE, CATEGORIES -> 24;
            case PERSON_ID -> 38;
            default -> 16;
        };
    }

    /** A person's field as the import reads it back, in the reader's language. */
    private String value(PersonImport.Column column, Persons.Row p, Map<UUID, String> householdNumbers, Locale locale) {
        Object value = switch (column) {
            case NAME -> p.name();
            case ID_NUMBER -> p.idMasked();
            case SEX -> PersonImport.sexText(p.sex(), locale);
            case BIRTH_DATE -> p.birthDate();
            case ETHNICITY -> PersonImport.ethnicityText(p.ethnicity(), locale);
            case PHONE -> p.phoneMasked();
            case GRID_CODE -> p.gridCode();
            case HOUSEHOLD_NUMBER -> p.householdId() == null ? null : householdNumbers.get(p.householdId());
            case RELATION -> PersonImport.relationText(p.relation(), p.sex(), locale);
            case RESIDENCE -> PersonImport.residenceText(p.residence(), locale);
            case REGISTERED_ON -> p.registeredOn();
            case ADDRESS -> p.address();
            case OCCUPATION -> p.occupation();
            case WORKPLACE -> p.workplace();
            case CATEGORIES -> categories.names(p.categories(), locale);
            case PERSON_ID -> p.id();
        };
        return value == null ? null : value.toString();
    }
}
