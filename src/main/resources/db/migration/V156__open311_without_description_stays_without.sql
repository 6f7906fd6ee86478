-- An Open311 request filed without a description (GeoReport v2 makes it optional) was stored with the service's
-- Chinese name as its incident's description, words the reporter never wrote, which read on his report as his and
-- in one language. Such requests now keep no description (empty; the pages show the category instead), and those
-- filed before are set to none too: only where the request holds no words of the reporter
-- (open311_request.description, kept as sent, is null) and the incident's description is exactly the name the old
-- code put there (Open311Services' Chinese names, as V131 lists them and incident.properties still has them). A
-- reporter who wrote the service's name himself has it in open311_request.description and keeps it. Run twice, it
-- changes nothing.
WITH service (code, name) AS (VALUES
        ('HELP', '求助'), ('DISPUTE', '矛盾纠纷'), ('PUBLIC_ORDER', '治安问题'), ('CRIME_TIP', '刑事案件线索'),
        ('TRAFFIC', '交通事故与隐患'), ('DISASTER', '灾害事故'), ('COMPLAINT', '投诉'), ('URBAN', '城管事项'),
        ('COMPREHENSIVE', '综治事项'), ('MARKET', '市场监管事项'))
UPDATE incident i SET description = ''
FROM open311_request o JOIN service s ON s.code = o.service_code
WHERE o.incident_id = i.id AND i.source = 'OPEN311' AND o.description IS NULL AND i.description = s.name;
