"""Sign-in and user administration."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field, WithJsonSchema

from genogram_service.errors import Forbidden
from genogram_service.http.json_body import StrictJsonRoute
from genogram_service.http.openapi import ERRORS, PROBLEM
from genogram_service.ids import ID_MAX_LENGTH, ID_PATTERN
from genogram_service.security.access import Action, Role
from genogram_service.security.auth import Token, User
from genogram_service.security.deps import ActorDep, AuthDep, GuardDep, RoleGate

router = APIRouter(tags=["auth"], responses={401: ERRORS[401], 422: ERRORS[422]},
                   route_class=StrictJsonRoute)


#: the answer of a sign-in while its account or client address is locked out
SIGN_IN_LOCKED = {**PROBLEM, "description": "Too many failed sign-ins for the account or from "
                  "the client address, or too many sign-ins at once: try again after "
                  "Retry-After seconds (also the problem's retry_after)",
                  "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1},
                                              "description": "seconds"}}}


class PasswordForm(OAuth2PasswordRequestForm):
    """OAuth2's password form, its rule stated in the schema: the user name and the password
    are not empty (FastAPI takes an empty form field for a missing one: a schema-valid 422)."""

    def __init__(
        self, *, username: Annotated[str, Form(min_length=1)],
        password: Annotated[str, Form(min_length=1, json_schema_extra={"format": "password"})],
        grant_type: Annotated[str | None, Form(pattern="^password$"),
                              WithJsonSchema({"type": "string", "pattern": "^password$"})]
        = None,
        scope: Annotated[str, Form()] = "", client_id: Annotated[str | None, Form()] = None,
        client_secret: Annotated[str | None, Form(json_schema_extra={"format": "password"})]
        = None,
    ) -> None:
        super().__init__(grant_type=grant_type, username=username, password=password,
                         scope=scope, client_id=client_id, client_secret=client_secret)


@router.post("/auth/token", response_model=Token, summary="Sign in: a bearer token",
             responses={403: {**ERRORS[403], "description": "Sign-in with a password is "
                              "switched off (GENOGRAM_LOCAL_PASSWORDS=false)"},
                        429: SIGN_IN_LOCKED})
def token(form: Annotated[PasswordForm, Depends()], auth: AuthDep, request: Request) -> Any:
    if not auth.settings.local_passwords:
        raise Forbidden("sign-in with a password is switched off here; sign in with single "
                        "sign-on (GET /auth/oidc/login)")
    return auth.login(form.username, form.password,
                      request.client.host if request.client else None)


@router.get("/auth/me", response_model=User, summary="Who am I")
def me(actor: ActorDep) -> Any:
    return User(id=actor.user_id, username=actor.username, role=actor.role,
                professional_id=actor.professional_id, organisation_id=actor.organisation_id)


class UserCreate(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9][a-z0-9._\-]{1,63}$")
    role: Role
    professional_id: str | None = Field(default=None, max_length=ID_MAX_LENGTH,
                                        pattern=ID_PATTERN)
    password: str | None = Field(default=None, min_length=12, max_length=200)

    # the rule create_user applies, stated: a case worker is linked to a professional
    model_config = {"json_schema_extra": {
        "if": {"properties": {"role": {"const": Role.case_worker.value}}, "required": ["role"]},
        "then": {"properties": {"professional_id": {"type": "string"}},
                 "required": ["professional_id"]}}}


@router.get("/users", response_model=list[User], summary="User accounts (admin)",
            responses={403: ERRORS[403]})
def list_users(actor: ActorDep, guard: GuardDep, auth: AuthDep) -> Any:
    guard.authorize(actor, Action.read, resource="users", personal=False, audience=[Role.admin])
    return auth.list_users()


@router.post("/users", response_model=User, status_code=status.HTTP_201_CREATED,
             summary="Create a user account (admin)",
             responses={403: ERRORS[403], 409: ERRORS[409]},
             dependencies=[Depends(RoleGate(Action.create, resource="users", personal=False,
                                            audience=[Role.admin]))])
def create_user(body: UserCreate, actor: ActorDep, guard: GuardDep, auth: AuthDep) -> Any:
    guard.authorize(actor, Action.create, resource="users", personal=False,
                    audience=[Role.admin])
    return auth.create_user(username=body.username, role=body.role,
                            professional_id=body.professional_id, password=body.password)
