package org.fengqiao.population.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * What the caller may see of the population as xlsx, written as it is read (SXSSF keeps 200 rows in memory),
 * identity numbers and phones masked as in every list. The export is one audited READ with its count.
 */
@Service
public class PersonExport {

    static final int PAGE = 5000;
    static final String[] HEADERS = {"姓名", "身份证号", "性别", "出生日期", "民族", "电话", "网格编码", "与户主关系",
        "居住类型", "登记日期", "地址", "职业", "工作单位"};

    private final Persons persons;
    private final ApplicationEventPublisher events;

    PersonExport(Persons persons, ApplicationEventPublisher events) {
        this.persons = persons;
        this.events = events;
    }

    public long write(PersonQuery query, Caller caller, OutputStream out) throws IOException {
        long count = 0;
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            Sheet sheet = workbook.createSheet("persons");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.length; i++) {
                header.createCell(i).setCellValue(HEADERS[i]);
            }
            int offset = 0;
            while (true) {
                Persons.Page page = persons.search(query, caller, PAGE, offset);
                for (Persons.Row p : page.rows()) {
                    Row row = sheet.createRow((int) ++count);
                    Object[] values = {p.name(), p.idMasked(), p.sex(), p.birthDate(), p.ethnicity(), p.phoneMasked(),
                        p.gridCode(), p.relation(), p.residence(), p.registeredOn(), p.address(), p.occupation(),
                        p.workplace()};
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] != null) {
                            row.createCell(i).setCellValue(values[i].toString());
                        }
                    }
                }
                if (page.rows().size() < PAGE) {
                    break;
                }
                offset += PAGE;
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
        events.publishEvent(new Audited("READ", "person-export", null, null, null,
                Map.of("kind", query.kind().name(), "rows", count), null));
        return count;
    }
}
