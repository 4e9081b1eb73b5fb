// Purpose: LoginThrottle.key is unique (one counter per account and per client address, merged by concurrent sign-ins)
CREATE CONSTRAINT login_throttle_key_unique IF NOT EXISTS FOR (n:LoginThrottle) REQUIRE n.key IS UNIQUE
