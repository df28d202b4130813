"""Configuration read from ``BMNN_`` environment variables.

Pure Python (no Django import) so that the CLI's ``bmnn check`` can report problems in plain words
before Django is configured.
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A configuration problem, described in Vietnamese for the operator."""


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"Biến {name}={raw!r} không hợp lệ: chỉ nhận true/false, 1/0, yes/no, on/off.")


def data_dir() -> Path:
    return Path(os.environ.get("BMNN_DATA_DIR", "./var")).expanduser().resolve()


def ensure_secret_file(path: Path, nbytes: int) -> bytes:
    """Return the secret stored in ``path``; create it (mode 0600) with random bytes if missing."""
    if path.exists():
        data = path.read_bytes().strip()
        if not data:
            raise ConfigError(
                f"Tệp khoá {path} rỗng. Xoá tệp để hệ thống tạo khoá mới, hoặc khôi phục từ bản sao."
            )
        return data
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(nbytes).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(value + b"\n")
    return value


def secret_from(env_name: str, default_path: Path, nbytes: int) -> tuple[bytes, Path]:
    """A secret read from the file named by ``env_name`` (or ``default_path``, generated if missing)."""
    explicit = os.environ.get(env_name)
    if explicit:
        path = Path(explicit).expanduser()
        if not path.exists():
            raise ConfigError(f"Biến {env_name} trỏ tới {path} nhưng tệp này không tồn tại.")
        return ensure_secret_file(path, nbytes), path
    return ensure_secret_file(default_path, nbytes), default_path


def file_mode_problem(path: Path) -> str | None:
    """A Vietnamese sentence if ``path`` is readable by group or others, else None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return f"Tệp khoá {path} có quyền {oct(mode & 0o777)}; phải là 0600 (chỉ chủ sở hữu được đọc)."
    return None


@dataclass
class Config:
    data_dir: Path
    database_url: str
    debug: bool
    allowed_hosts: list[str]
    secret_key_path: Path
    vault_key_path: Path
    audit_key_path: Path
    email_host: str
    email_port: int
    session_idle_seconds: int
    # Background work (bmnn.deadlines): empty = embedded (SqliteHuey in the data dir, in-process
    # scheduler started by `bmnn run`); redis://… = a real broker and `bmnn worker` processes.
    queue_url: str = ""
    reminder_lead_days: tuple[int, ...] = (60, 30, 7, 1)
    public_url: str = "http://127.0.0.1:8000"
    email_from: str = "bmnn@localhost"
    email_user: str = ""
    email_password: str = ""
    email_tls: bool = False
    document_place: str = ""
    adjustment_period: str = "keep"
    problems: list[str] = field(default_factory=list)


def load() -> Config:
    """Read the environment. Raises ConfigError for values that cannot be used at all."""
    base = data_dir()
    db_default = f"sqlite:///{base / 'bmnn.sqlite3'}"
    try:
        idle = int(os.environ.get("BMNN_SESSION_IDLE_MINUTES", "30")) * 60
        email_port = int(os.environ.get("BMNN_SMTP_PORT") or os.environ.get("BMNN_EMAIL_PORT") or "25")
        lead_days = tuple(
            sorted(
                {
                    int(v)
                    for v in os.environ.get("BMNN_REMINDER_LEAD_DAYS", "60,30,7,1").split(",")
                    if v.strip()
                },
                reverse=True,
            )
        )
    except ValueError as exc:
        raise ConfigError(f"Giá trị số không hợp lệ trong cấu hình: {exc}") from exc
    if idle <= 0:
        raise ConfigError("BMNN_SESSION_IDLE_MINUTES phải là số phút dương.")
    if any(d < 0 for d in lead_days):
        raise ConfigError(
            "BMNN_REMINDER_LEAD_DAYS là các số ngày không âm, cách nhau bởi dấu phẩy (vd. 60,30,7,1)."
        )
    queue_url = os.environ.get("BMNN_QUEUE_URL", "").strip()
    if queue_url and not queue_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError("BMNN_QUEUE_URL chỉ hỗ trợ redis://máy:cổng/số (để trống: hàng đợi nhúng SQLite).")
    adjustment_period = os.environ.get("BMNN_ADJUSTMENT_PERIOD", "keep").strip() or "keep"
    if adjustment_period not in ("keep", "determination", "adjustment"):
        raise ConfigError("BMNN_ADJUSTMENT_PERIOD chỉ nhận keep, determination hoặc adjustment.")
    hosts = [
        h.strip() for h in os.environ.get("BMNN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
    ]
    return Config(
        data_dir=base,
        database_url=os.environ.get("BMNN_DATABASE_URL") or db_default,
        debug=env_bool("BMNN_DEBUG", False),
        allowed_hosts=hosts,
        secret_key_path=Path(os.environ.get("BMNN_SECRET_KEY_FILE", base / "secret_key")).expanduser(),
        vault_key_path=Path(os.environ.get("BMNN_VAULT_KEY_FILE", base / "vault_master.key")).expanduser(),
        audit_key_path=Path(os.environ.get("BMNN_AUDIT_KEY_FILE", base / "audit_ed25519.key")).expanduser(),
        email_host=os.environ.get("BMNN_SMTP_HOST") or os.environ.get("BMNN_EMAIL_HOST", ""),
        email_port=email_port,
        session_idle_seconds=idle,
        queue_url=queue_url,
        reminder_lead_days=lead_days,
        public_url=os.environ.get("BMNN_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
        email_from=os.environ.get("BMNN_SMTP_FROM", "bmnn@localhost"),
        email_user=os.environ.get("BMNN_SMTP_USER", ""),
        email_password=os.environ.get("BMNN_SMTP_PASSWORD", ""),
        email_tls=env_bool("BMNN_SMTP_STARTTLS", False),
        document_place=os.environ.get("BMNN_DOCUMENT_PLACE", "").strip(),
        adjustment_period=adjustment_period,
    )


def check() -> list[str]:
    """Every misconfiguration found, as plain Vietnamese sentences (empty list = all good)."""
    problems: list[str] = []
    try:
        cfg = load()
    except ConfigError as exc:
        return [str(exc)]
    if not cfg.database_url.startswith(("sqlite:///", "postgres://", "postgresql://")):
        problems.append(
            "BMNN_DATABASE_URL chỉ hỗ trợ sqlite:///đường/dẫn hoặc postgresql://người_dùng@máy:cổng/tên_csdl."
        )
    if cfg.database_url.startswith("sqlite:///"):
        db_path = Path(cfg.database_url.removeprefix("sqlite:///"))
        if not db_path.parent.exists():
            problems.append(f"Thư mục chứa cơ sở dữ liệu {db_path.parent} chưa tồn tại.")
    if not cfg.data_dir.exists():
        problems.append(f"Thư mục dữ liệu {cfg.data_dir} chưa tồn tại (chạy 'bmnn migrate' để tạo).")
    elif not os.access(cfg.data_dir, os.W_OK):
        problems.append(f"Không ghi được vào thư mục dữ liệu {cfg.data_dir}.")
    for path in (cfg.secret_key_path, cfg.vault_key_path, cfg.audit_key_path):
        problem = file_mode_problem(path)
        if problem:
            problems.append(problem)
    if cfg.debug:
        problems.append("BMNN_DEBUG đang bật: không được dùng chế độ gỡ lỗi khi vận hành thật.")
    if "*" in cfg.allowed_hosts:
        problems.append("BMNN_ALLOWED_HOSTS chứa '*': hãy liệt kê đúng tên máy chủ được phép.")
    return problems
