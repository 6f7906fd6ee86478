-- An Open311 request filed before the answers were shown apart (7a3d85a) has as its incident's description the
-- reporter's words, or without any the service's name, followed by one line per answer: "\n" || the attribute's
-- Chinese label || '：' || the answer (a list's value by its Chinese name, several joined by '、', a number, a time or
-- text as sent), in the order of the service's definition. Those answers are now shown from open311_request.attributes
-- as labelled lines, so such an incident showed them twice.
--
-- The description is set back to the reporter's words only where it is exactly what the old code composed from what
-- is stored: the words (open311_request.description, kept as sent) or the service's name, and the block that the
-- stored answers produce with the labels and names below (Open311Services and incident.properties as they were from
-- fcfd2f3 to 7a3d85a; they did not change in between). Anything else, a description cut at 4,000 characters, an
-- answer written differently, is left as it is. An incident's description is never changed after it is filed, so
-- nothing a person wrote is lost; and the text as it was received stays readable on the incident's timeline, as a
-- NOTE step whose reason is the message key below (shown in the reader's language) and whose note is that text.
-- The resident's tracking page does not show NOTE steps. Run twice, it changes nothing: a description set back no
-- longer ends with the block.
WITH service (code, name) AS (VALUES
        ('HELP', '求助'), ('DISPUTE', '矛盾纠纷'), ('PUBLIC_ORDER', '治安问题'), ('CRIME_TIP', '刑事案件线索'),
        ('TRAFFIC', '交通事故与隐患'), ('DISASTER', '灾害事故'), ('COMPLAINT', '投诉'), ('URBAN', '城管事项'),
        ('COMPREHENSIVE', '综治事项'), ('MARKET', '市场监管事项')),
    -- the answered attributes of each service, in the order of its definition (EMERGENCY_110 is no question)
    attribute (service_code, position, code, datatype, label) AS (VALUES
        ('HELP', 1, 'PEOPLE', 'NUMBER', '需要帮助的人数'),
        ('HELP', 2, 'VULNERABLE', 'SINGLEVALUELIST', '是否涉及老人、儿童或残疾人'),
        ('DISPUTE', 1, 'DISPUTE_KIND', 'SINGLEVALUELIST', '纠纷类型'),
        ('DISPUTE', 2, 'PARTIES', 'NUMBER', '涉及几方（户）'),
        ('PUBLIC_ORDER', 1, 'HAPPENED_AT', 'DATETIME', '发生时间'),
        ('PUBLIC_ORDER', 2, 'ONGOING', 'SINGLEVALUELIST', '现在是否仍在发生'),
        ('CRIME_TIP', 1, 'HAPPENED_AT', 'DATETIME', '发生时间'),
        ('TRAFFIC', 1, 'INJURED', 'SINGLEVALUELIST', '是否有人受伤'),
        ('TRAFFIC', 2, 'VEHICLES', 'NUMBER', '涉及车辆数'),
        ('TRAFFIC', 3, 'PLATE', 'STRING', '车牌号（如有）'),
        ('DISASTER', 1, 'HAZARDS', 'MULTIVALUELIST', '灾害或隐患类型（可多选）'),
        ('COMPLAINT', 1, 'WISH', 'TEXT', '希望如何处理')),
    list_value (key, name) AS (VALUES
        ('yes', '是'), ('no', '否'), ('neighbours', '邻里纠纷'), ('family', '婚姻家庭'), ('land', '土地宅基地'),
        ('wages', '劳资纠纷'), ('other', '其他'), ('fire', '火灾'), ('flood', '水灾'), ('gas', '燃气泄漏'),
        ('collapse', '房屋倒塌')),
    answer AS (
        SELECT o.incident_id, a.position, a.label,
               CASE
                   WHEN a.datatype = 'SINGLEVALUELIST' AND jsonb_typeof(o.attributes -> a.code) = 'string'
                       THEN (SELECT v.name FROM list_value v WHERE v.key = o.attributes ->> a.code)
                   WHEN a.datatype = 'MULTIVALUELIST' AND jsonb_typeof(o.attributes -> a.code) = 'array'
                       -- a key without a name makes the whole answer unknown, and so the row is left alone
                       THEN (SELECT CASE WHEN bool_and(v.name IS NOT NULL) THEN string_agg(v.name, '、' ORDER BY k.n) END
                             FROM jsonb_array_elements_text(o.attributes -> a.code) WITH ORDINALITY AS k (key, n)
                             LEFT JOIN list_value v ON v.key = k.key)
                   WHEN a.datatype = 'NUMBER' AND jsonb_typeof(o.attributes -> a.code) = 'number'
                       THEN o.attributes ->> a.code
                   WHEN a.datatype IN ('STRING', 'TEXT', 'DATETIME') AND jsonb_typeof(o.attributes -> a.code) = 'string'
                       THEN o.attributes ->> a.code
               END AS value
        FROM open311_request o JOIN attribute a ON a.service_code = o.service_code AND o.attributes ? a.code),
    composed AS (
        SELECT o.incident_id, coalesce(o.description, s.name) AS words,
               -- null when any answer could not be written as the old code wrote it
               CASE WHEN bool_and(an.value IS NOT NULL)
                    THEN string_agg(E'\n' || an.label || '：' || an.value, '' ORDER BY an.position) END AS block
        FROM open311_request o JOIN service s ON s.code = o.service_code
        JOIN answer an ON an.incident_id = o.incident_id
        GROUP BY o.incident_id, o.description, s.name),
    old AS (
        SELECT i.id, i.description AS received, c.words
        FROM incident i JOIN composed c ON c.incident_id = i.id
        WHERE i.source = 'OPEN311' AND c.block IS NOT NULL AND c.block <> ''
          AND i.description = c.words || c.block),
    kept AS (
        INSERT INTO incident_event (incident_id, kind, at, reason, reason_is_key, note)
        SELECT id, 'NOTE', now(), 'incident.open311.receivedDescription', true, received FROM old)
UPDATE incident i SET description = old.words FROM old WHERE i.id = old.id;
