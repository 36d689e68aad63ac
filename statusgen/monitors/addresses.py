"""Which addresses a check may connect to. Targets come from components.yml, which a pull
request can change, and the probe runs in the operator's CI: by default only public
addresses, checked after DNS resolution, and the connection goes to the address checked."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

#: Cloud instance metadata services: refused even when private targets are allowed.
METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedTarget(Exception):
    """The target resolves to an address the probe may not reach; the message says which."""


@dataclass(frozen=True)
class Policy:
    """What the operator allows: `--allow-private` adds loopback, private and link-local."""

    allow_private: bool = False

    def refusal(self, address: Address) -> str | None:
        """Why `address` is refused, or None when it is allowed."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if address in METADATA:
            return "a cloud metadata address (always refused)"
        if address.is_unspecified:
            return "the unspecified address"
        if address.is_multicast:
            return "a multicast address"
        if self.allow_private:
            return None
        for test, what in (
            (address.is_loopback, "a loopback address"),
            (address.is_link_local, "a link-local address"),
            (address.is_private, "a private address"),
            (address.is_reserved, "a reserved address"),
            (not address.is_global, "not a public address"),
        ):
            if test:
                return f"{what} (allow it with --allow-private)"
        return None

    def resolve(self, host: str, port: int) -> Address:
        """The address to connect to: every address the host resolves to must be allowed
        (a name that also points inside is refused whole), and the first is used."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise OSError(f"cannot resolve {host}: {error}") from None
        addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
        if not addresses:
            raise OSError(f"cannot resolve {host}: no address")
        for address in addresses:
            if (why := self.refusal(address)) is not None:
                raise RefusedTarget(f"{host} resolves to {address}, {why}")
        return addresses[0]
