-- A password somebody else chose (the security administrator's initial password or reset, the operator's reset, the
-- installation's initial password) is changed by its holder before he does anything else (等保: 首次登录修改初始口令).
ALTER TABLE staff ADD COLUMN password_must_change boolean NOT NULL DEFAULT false;
