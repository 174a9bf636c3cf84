# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Secret ballots as exponential ElGamal ciphertexts, counted without
decrypting any single ballot.

Group: the 2048-bit MODP group of RFC 3526 (group 14). ``P`` is a safe prime
(``P = 2Q + 1``, ``Q`` prime) and ``G = 2`` generates the subgroup of order
``Q`` (the quadratic residues: ``P ≡ 7 mod 8``, so 2 is one), in which the
decisional Diffie-Hellman problem is believed hard. Everything below is
``pow`` on Python integers: no dependency.

* A motion's key: ``x`` uniform in ``[1, Q)`` (``secrets``), ``h = G^x``.
* A bit ``m`` is encrypted with a fresh ``r`` as ``(G^r, G^m · h^r)``.
* A ballot is two such ciphertexts, the bit "in favour" and the bit
  "against" (an abstention is neither). Both are always computed, with fresh
  randomness each, whatever the choice: the work and the stored sizes do not
  depend on the choice, and ballots of the same choice look unrelated.
* Counting multiplies the ballots componentwise (the plaintexts add up in
  the exponent), decrypts the product once, ``G^M = b · a^(-x)``, and finds
  ``M`` (at most the number of ballots) by trying ``G^0, G^1, …``.

Components are stored as 256-byte big-endian integers (fixed width). This
module holds no state, logs nothing and never sees a voter.
"""
import secrets

# RFC 3526, section 3: 2048-bit MODP group (id 14)
P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16)
Q = (P - 1) // 2
G = 2
SIZE = 256  # bytes of one component
# the plaintext of each bit as a group element: G^0, G^1
_ENCODED = (1, G)
# choice -> (in favour, against)
BITS = {"yes": (1, 0), "no": (0, 1), "abstain": (0, 0)}


class BallotError(Exception):
    """A key or a ciphertext that does not belong to the group, or ballots
    that do not decrypt to a count (tampered with, or another key)."""


def keygen():
    """(x, h): a private key uniform in [1, Q) and its public key."""
    x = secrets.randbelow(Q - 1) + 1
    return x, pow(G, x, P)


def check_public_key(h):
    if not (1 < h < P and pow(h, Q, P) == 1):
        raise BallotError("not a public key of the group")
    return h


def _encrypt_bit(h, bit):
    r = secrets.randbelow(Q - 1) + 1
    return pow(G, r, P), pow(h, r, P) * _ENCODED[bit] % P


def encrypt_choice(h, choice):
    """The ballot for ``choice`` under the public key ``h``: four integers
    (in favour: a, b; against: a, b)."""
    yes, no = BITS[choice]
    yes_a, yes_b = _encrypt_bit(h, yes)
    no_a, no_b = _encrypt_bit(h, no)
    return yes_a, yes_b, no_a, no_b


def to_bytes(value):
    return value.to_bytes(SIZE, "big")


def from_bytes(data):
    data = bytes(data)
    value = int.from_bytes(data, "big")
    if len(data) != SIZE or not 0 < value < P:
        raise BallotError("not a ciphertext component")
    return value


def encrypt_ballot(h, choice):
    """``encrypt_choice`` as the four fixed-width byte strings stored."""
    return tuple(to_bytes(value) for value in encrypt_choice(h, choice))


def combine(ballots):
    """The componentwise product of ballots (rows of four components, bytes
    or integers): one ballot whose plaintexts are the sums."""
    product = [1, 1, 1, 1]
    for ballot in ballots:
        for index, component in enumerate(ballot):
            if not isinstance(component, int):
                component = from_bytes(component)
            product[index] = product[index] * component % P
    return product


def _decrypt_count(x, a, b, limit):
    # b · a^(-x) = G^M; a^(P-1-x) is a^(-x) for any a in the group
    target = b * pow(a, P - 1 - x, P) % P
    power = 1
    for count in range(limit + 1):
        if power == target:
            return count
        power = power * G % P
    raise BallotError("the ballots do not decrypt to a count")


def tally(x, ballots):
    """(in favour, against, abstaining) of ``ballots`` (rows of four
    components) with the private key ``x``; only their product is
    decrypted."""
    ballots = list(ballots)
    total = len(ballots)
    yes_a, yes_b, no_a, no_b = combine(ballots)
    yes = _decrypt_count(x, yes_a, yes_b, total)
    no = _decrypt_count(x, no_a, no_b, total)
    if yes + no > total:
        raise BallotError("more choices than ballots")
    return yes, no, total - yes - no


def key_matches(x, h):
    return 0 < x < Q and pow(G, x, P) == h
