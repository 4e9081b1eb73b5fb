"""Single sign-on with OpenID Connect, through Authlib's client.

The authorization code flow with PKCE (S256), a ``state`` and a ``nonce``. The provider's
endpoints and keys come from its discovery document (``/.well-known/openid-configuration``),
whose ``issuer`` must be the configured one. The ID token from the token endpoint is checked
by Authlib: signature against the provider's published keys (fetched again when a token names
a key we do not have, so key rotation needs no restart), issuer, audience (this client),
expiry and issue time (``oidc_leeway_seconds`` of clock difference), nonce and ``at_hash``.
The person is then matched to an account here by one claim (``oidc_username_claim``, the
username): their role and need-to-know are that account's, never the provider's. Someone the
provider knows but this service does not is refused (403), and the refusal is logged.

Nothing is kept on the server between the redirect to the provider and the callback: the state,
nonce, PKCE verifier and redirect URI travel in a short-lived cookie, encrypted and signed with
a key derived from the JWT secret, so several API processes need no shared store. The callback
opens it and checks the provider's answer against it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Mapping
from typing import Any

import httpx2
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client.sync_app import BaseApp, OAuth2Mixin
from authlib.integrations.base_client.sync_openid import OpenIDMixin
from authlib.integrations.httpx_client import OAuth2Client
from cryptography.fernet import Fernet, InvalidToken
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError
from pydantic import BaseModel, ValidationError

from genogram_service.errors import (
    Forbidden,
    IdentityProviderUnavailable,
    NotFound,
    Unauthorized,
)
from genogram_service.security.auth import USERNAME, AuthService, Token, User
from genogram_service.settings import Settings

log = logging.getLogger(__name__)

#: how long a sign-in may take between the redirect to the provider and its callback
FLOW_SECONDS = 600
#: an OAuth error code as the provider sends it back (shown, so only this shape)
ERROR_CODE = re.compile(r"^[a-z_]{1,40}$")


class Flow(BaseModel):
    """What the callback needs of the sign-in it completes (kept in the flow cookie)."""

    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    next: str | None = None


class SignIn(BaseModel):
    user: User
    token: Token
    #: the provider's ID token, for the ``id_token_hint`` of a later sign-out
    id_token: str
    next: str | None = None


class _Provider(OAuth2Mixin, OpenIDMixin, BaseApp):
    """Authlib's framework-neutral client app over its synchronous httpx2 client (the
    framework integrations keep the flow in a server-side session; we keep it in a cookie)."""

    client_cls = OAuth2Client


class OidcService:
    """Single sign-on for the web viewer and for API tokens; ``enabled`` only when an issuer
    and a client id are configured."""

    def __init__(self, settings: Settings, auth: AuthService) -> None:
        self.settings = settings
        self.auth = auth
        self.enabled = bool(settings.oidc_issuer and settings.oidc_client_id)
        self.display_name = settings.oidc_display_name
        self.claim = settings.oidc_username_claim
        secret = settings.jwt_secret.get_secret_value() if settings.jwt_secret else ""
        key = hmac.new(secret.encode(), b"genogram-oidc-cookie", hashlib.sha256).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))
        self._issuer = (settings.oidc_issuer or "").rstrip("/")
        client_secret = settings.oidc_client_secret
        self._provider = _Provider(
            framework=None, name="oidc", client_id=settings.oidc_client_id,
            client_secret=client_secret.get_secret_value() if client_secret else None,
            server_metadata_url=f"{self._issuer}/.well-known/openid-configuration",
            client_kwargs={
                "scope": settings.oidc_scopes, "code_challenge_method": "S256",
                "timeout": settings.oidc_timeout_s,
                # a public client proves itself by PKCE alone
                "token_endpoint_auth_method": "client_secret_basic" if client_secret
                else "none",
            })

    # ------------------------------------------------------------------ provider

    def _metadata(self) -> dict[str, Any]:
        self._require_enabled()
        try:
            metadata: dict[str, Any] = self._provider.load_server_metadata()
        except (httpx2.HTTPError, ValueError) as exc:  # unreachable, an error, not JSON
            log.warning("single sign-on: the provider's discovery document: %s", exc)
            raise IdentityProviderUnavailable("the single sign-on provider did not answer; "
                                              "try again later") from None
        issuer = str(metadata.get("issuer", "")).rstrip("/")
        if issuer != self._issuer:
            # OpenID Connect Discovery 1.0, 4.3: a document for another issuer is not used
            self._provider.server_metadata.pop("_loaded_at", None)
            log.error("single sign-on: the discovery document names issuer %r, not %r",
                      issuer, self._issuer)
            raise IdentityProviderUnavailable("the single sign-on provider is misconfigured")
        return metadata

    def _require_enabled(self) -> None:
        if not self.enabled:
            raise NotFound("single sign-on is not configured here")

    # ------------------------------------------------------------------ the flow

    def start(self, redirect_uri: str, next: str | None = None) -> tuple[str, str]:
        """The provider's authorization URL to send the browser to, and the sealed flow for
        the flow cookie."""
        self._metadata()
        try:
            made = self._provider.create_authorization_url(redirect_uri=redirect_uri)
        except httpx2.HTTPError:
            raise IdentityProviderUnavailable("the single sign-on provider did not answer"
                                              ) from None
        flow = Flow(state=made["state"], nonce=made["nonce"],
                    code_verifier=made["code_verifier"], redirect_uri=redirect_uri, next=next)
        return str(made["url"]), self.seal(flow.model_dump())

    def finish(self, params: Mapping[str, str], sealed: str | None) -> SignIn:
        """Complete a sign-in from the provider's redirect (``params``: the callback's query)
        and the flow cookie: our bearer token for the matched account. Raises
        :class:`Unauthorized` for a failed or forged sign-in, :class:`Forbidden` for a person
        without an account here."""
        metadata = self._metadata()
        flow = self._open_flow(sealed)
        if flow is None or not hmac.compare_digest(params.get("state", ""), flow.state):
            raise Unauthorized("the sign-in was not started here or took too long; "
                               "start it again")
        error = params.get("error")
        if error is not None:
            code = error if ERROR_CODE.match(error) else "error"
            raise Unauthorized(f"the single sign-on provider refused the sign-in ({code})")
        # RFC 9207: a provider that says so names itself in the response (mix-up defence)
        if "iss" in params and params["iss"].rstrip("/") != self._issuer:
            raise Unauthorized("the sign-in answer came from another provider")
        code_value = params.get("code")
        if not code_value:
            raise Unauthorized("the single sign-on provider sent no authorization code")
        try:
            token = self._provider.fetch_access_token(  # type: ignore[no-untyped-call]
                redirect_uri=flow.redirect_uri, code=code_value,
                code_verifier=flow.code_verifier)
        except httpx2.HTTPError:
            raise IdentityProviderUnavailable("the single sign-on provider did not answer"
                                              ) from None
        except (AuthlibBaseError, ValueError) as exc:  # an OAuth error, or no JSON at all
            log.warning("single sign-on: the token endpoint refused the code: %s", exc)
            raise Unauthorized("the single sign-on provider did not accept the sign-in"
                               ) from None
        claims = self._id_token_claims(token, flow.nonce, metadata)
        user = self._account(claims)
        return SignIn(user=user, token=self.auth.issue_token(user),
                      id_token=str(token["id_token"]), next=flow.next)

    def _id_token_claims(self, token: Mapping[str, Any], nonce: str,
                         metadata: Mapping[str, Any]) -> dict[str, Any]:
        if "id_token" not in token:
            raise Unauthorized("the single sign-on provider sent no ID token")
        try:
            claims = self._provider.parse_id_token(
                token, nonce=nonce, leeway=self.settings.oidc_leeway_seconds,
                # the audience must be this client (Authlib alone would take a token for
                # another audience whose azp names us)
                claims_options={"iss": {"essential": True, "values": [metadata["issuer"]]},
                                "aud": {"essential": True,
                                        "values": [self.settings.oidc_client_id]}})
        except ExpiredTokenError:
            raise Unauthorized("the ID token has expired (is the provider's clock right?)"
                               ) from None
        except ClaimError as exc:
            reason = {"aud": "was issued for another client", "azp": "was issued for another "
                      "client", "iss": "names another issuer", "nonce": "does not belong "
                      "to this sign-in", "iat": "was issued in the future"}
            raise Unauthorized(f"the ID token {reason.get(exc.claim, 'is not valid')} "
                               f"({exc.claim})") from None
        except JoseError:
            raise Unauthorized("the ID token is not valid") from None
        except httpx2.HTTPError:
            raise IdentityProviderUnavailable("the single sign-on provider did not answer"
                                              ) from None
        if claims is None:
            raise Unauthorized("the single sign-on provider sent no ID token")
        return dict(claims)

    def _account(self, claims: Mapping[str, Any]) -> User:
        value = claims.get(self.claim)
        if not isinstance(value, str) or not value:
            log.warning("single sign-on refused: the ID token of %s has no %r claim",
                        claims.get("sub"), self.claim)
            raise Forbidden(f"the single sign-on provider did not send the '{self.claim}' "
                            "claim this service matches accounts by")
        if self.claim == "email" and claims.get("email_verified") is not True:
            raise Forbidden("the single sign-on provider has not verified this email address")
        username = value.strip().lower()
        user: User | None = None
        if USERNAME.match(username):
            try:
                user = self.auth.get_user(username)
            except NotFound:
                user = None
        if user is None:
            log.warning("single sign-on refused: no account here for %s=%r (sub %s)",
                        self.claim, value, claims.get("sub"))
            raise Forbidden("you signed in at the single sign-on provider, but there is no "
                            "account for you here; ask an administrator to create one")
        log.info("single sign-on: %s signed in (sub %s)", user.username, claims.get("sub"))
        return user

    # ------------------------------------------------------------------ sign-out

    def logout_url(self, *, post_logout_redirect_uri: str, id_token_hint: str | None
                   ) -> str | None:
        """The provider's end-session URL (RP-initiated logout), or ``None`` when the provider
        offers none (or cannot be reached: signing out here must not depend on it)."""
        try:
            metadata = self._metadata()
        except (IdentityProviderUnavailable, NotFound):
            return None
        if not metadata.get("end_session_endpoint"):
            return None
        made = self._provider.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token_hint,
            client_id=self.settings.oidc_client_id)
        return str(made["url"])

    # ------------------------------------------------------------------ cookies

    def seal(self, data: Mapping[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(dict(data)).encode()).decode()

    def unseal(self, value: str | None, *, max_age: int) -> dict[str, Any] | None:
        if not value:
            return None
        try:
            data = json.loads(self._fernet.decrypt(value.encode(), ttl=max_age))
        except (InvalidToken, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _open_flow(self, sealed: str | None) -> Flow | None:
        data = self.unseal(sealed, max_age=FLOW_SECONDS)
        try:
            return Flow.model_validate(data) if data is not None else None
        except ValidationError:
            return None

    def redirect_base(self, request_base: str) -> str:
        return (self.settings.oidc_redirect_base or request_base).rstrip("/")
