-- The role the running service uses (least privilege): read and write rows, never alter the schema, and never
-- update, delete or truncate the audit log. Migrations run as the owner; the service connects and then takes this
-- role (src/runtime.ts). Roles are cluster-wide: create it once, tolerate a concurrent creator, and skip quietly
-- where the migrating user may not create roles (the service then runs as the owner and says so at start).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'unioncare_app') THEN
    BEGIN
      CREATE ROLE unioncare_app NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'cannot create role unioncare_app: the service will run as the owner';
        RETURN;
    END;
  END IF;
  -- The owner must be able to take the role (a superuser always can; a CREATEROLE owner needs membership).
  BEGIN
    EXECUTE format('GRANT unioncare_app TO %I', current_user);
  EXCEPTION WHEN OTHERS THEN NULL;
  END;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO unioncare_app', current_database());
  GRANT USAGE ON SCHEMA public TO unioncare_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO unioncare_app;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO unioncare_app;
  -- Tables and sequences created by later migrations (run by this same owner) get the same rights.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO unioncare_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO unioncare_app;
  -- The audit log: append and read only.
  REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM unioncare_app;
  -- Migration history belongs to the owner.
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM unioncare_app;
END
$$;
