-- Member units of the 荆门市常态化“府检联动”工作机制 as named in the founding notice (荆门市人民政府).
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-gov', '荆门市人民政府', '市政府', 'GOVERNMENT', NULL);
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-procuratorate', '荆门市人民检察院', '市检察院', 'PROCURATORATE', NULL);
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-police', '荆门市公安局', '市公安局', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-justice', '荆门市司法局', '市司法局', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-data', '荆门市政务服务和大数据管理局', '市政数局', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-education', '荆门市教育局', '市教育局', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-health', '荆门市卫生健康委员会', '市卫健委', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-hrss', '荆门市人力资源和社会保障局', '市人社局', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-rural-revitalization', '荆门市乡村振兴局', '市乡村振兴局', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-civil-affairs', '荆门市民政局', '市民政局', 'AGENCY', 'jm-gov');
INSERT INTO units (id, name, short_name, kind, parent_id) VALUES ('jm-agriculture', '荆门市农业农村局', '市农业农村局', 'AGENCY', 'jm-gov');
