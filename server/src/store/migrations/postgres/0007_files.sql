-- Stored files: organisation logos and profile photos, kept in the database so every instance
-- behind a load balancer serves them (a local disk would not be shared). Images only, 1 MiB at
-- most; served at /api/v1/files/<id>/<sha256> (the hash makes the address unguessable and lets
-- browsers cache it forever).

CREATE TABLE files (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
  owner_user_id    BIGINT REFERENCES users (id) ON DELETE CASCADE,
  purpose          TEXT NOT NULL CHECK (purpose IN ('logo', 'avatar')),
  content_type     TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  size_bytes       INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 1048576),
  sha256           TEXT NOT NULL,
  content_base64   TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL
);

ALTER TABLE organizations ADD COLUMN logo_file_id BIGINT REFERENCES files (id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN avatar_file_id BIGINT REFERENCES files (id) ON DELETE SET NULL;
