"""Sign-in and user administration."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from genogram_service.errors import Forbidden
from genogram_service.http.openapi import ERRORS
from genogram_service.ids import ID_MAX_LENGTH, ID_PATTERN
from genogram_service.security.access import Action, Role
from genogram_service.security.auth import Token, User
from genogram_service.security.deps import ActorDep, AuthDep, GuardDep

router = APIRouter(tags=["auth"], responses={401: ERRORS[401], 422: ERRORS[422]})


@router.post("/auth/token", response_model=Token, summary="Sign in: a bearer token",
             responses={403: {**ERRORS[403], "description": "Sign-in with a password is "
                              "switched off (GENOGRAM_LOCAL_PASSWORDS=false)"}})
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()], auth: AuthDep) -> Any:
    if not auth.settings.local_passwords:
        raise Forbidden("sign-in with a password is switched off here; sign in with single "
                        "sign-on (GET /auth/oidc/login)")
    return auth.login(form.username, form.password)


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


@router.get("/users", response_model=list[User], summary="User accounts (admin)",
            responses={403: ERRORS[403]})
def list_users(actor: ActorDep, guard: GuardDep, auth: AuthDep) -> Any:
    guard.authorize(actor, Action.read, resource="users", personal=False, audience=[Role.admin])
    return auth.list_users()


@router.post("/users", response_model=User, status_code=status.HTTP_201_CREATED,
             summary="Create a user account (admin)",
             responses={403: ERRORS[403], 409: ERRORS[409]})
def create_user(body: UserCreate, actor: ActorDep, guard: GuardDep, auth: AuthDep) -> Any:
    guard.authorize(actor, Action.create, resource="users", personal=False,
                    audience=[Role.admin])
    return auth.create_user(username=body.username, role=body.role,
                            professional_id=body.professional_id, password=body.password)
