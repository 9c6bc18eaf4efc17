-- The leading group's office issues meeting notices; the notice places it in the procuratorate ("办公室设在市检察院").
-- The government's general office receives copies (抄送) of instruments addressed to its departments.
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-coordination-office', '荆门市“府检联动”工作领导小组办公室', '府检联动办', 'OFFICE', 'jm-procuratorate');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-gov-office', '荆门市人民政府办公室', '市政府办', 'OFFICE', 'jm-gov');
