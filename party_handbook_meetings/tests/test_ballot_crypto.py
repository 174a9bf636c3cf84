# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The arithmetic of secret ballots (models/ballot_crypto.py)."""
import random
import secrets
from unittest.mock import patch

from odoo.tests.common import TransactionCase

from ..models import ballot_crypto as bc


def probably_prime(n, rounds=8):
    """Miller-Rabin with random bases."""
    if n % 2 == 0:
        return n == 2
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _round in range(rounds):
        witness = pow(secrets.randbelow(n - 3) + 2, d, n)
        if witness in (1, n - 1):
            continue
        for _square in range(s - 1):
            witness = pow(witness, 2, n)
            if witness == n - 1:
                break
        else:
            return False
    return True


class TestBallotCrypto(TransactionCase):

    def test_group_is_rfc3526_group_14_with_g_of_order_q(self):
        self.assertEqual(bc.P.bit_length(), 2048)
        self.assertEqual(bc.P, 2 * bc.Q + 1)
        self.assertTrue(probably_prime(bc.Q) and probably_prime(bc.P))
        # Q is prime, so G's order is 1 or Q: G^Q = 1 and G != 1 make it Q
        self.assertEqual(pow(bc.G, bc.Q, bc.P), 1)
        self.assertNotEqual(bc.G % bc.P, 1)
        # P = 7 mod 8: 2 is a quadratic residue, so G^0 and G^1 both lie in
        # the subgroup (no Legendre symbol tells the bits apart)
        self.assertEqual(bc.P % 8, 7)

    def test_keys(self):
        private, public = bc.keygen()
        self.assertTrue(0 < private < bc.Q)
        self.assertTrue(bc.key_matches(private, public))
        self.assertFalse(bc.key_matches(private + 1, public))
        self.assertEqual(bc.check_public_key(public), public)
        for bad in (0, 1, bc.P - 1, bc.P, bc.P + 4):
            with self.assertRaises(bc.BallotError):
                bc.check_public_key(bad)

    def test_the_tally_of_the_product_is_the_count(self):
        private, public = bc.keygen()
        choices = ["yes"] * 7 + ["no"] * 5 + ["abstain"] * 3
        random.shuffle(choices)
        ballots = [bc.encrypt_ballot(public, choice) for choice in choices]
        self.assertEqual(bc.tally(private, ballots), (7, 5, 3))
        self.assertEqual(bc.tally(private, ballots[:1]),
                         {"yes": (1, 0, 0), "no": (0, 1, 0),
                          "abstain": (0, 0, 1)}[choices[0]])
        self.assertEqual(bc.tally(private, []), (0, 0, 0))
        # another key does not count them
        with self.assertRaises(bc.BallotError):
            bc.tally(bc.keygen()[0], ballots)

    def test_every_choice_costs_the_same_and_looks_alike(self):
        _private, public = bc.keygen()
        for choice in ("yes", "no", "abstain"):
            with patch.object(bc, "_encrypt_bit", wraps=bc._encrypt_bit) as bit:
                first = bc.encrypt_ballot(public, choice)
            # both bits are always encrypted, each with its own randomness
            self.assertEqual(bit.call_count, 2)
            second = bc.encrypt_ballot(public, choice)
            self.assertEqual({len(part) for part in first + second}, {bc.SIZE})
            self.assertEqual(len(set(first + second)), 8)
            for part in first:
                self.assertEqual(pow(bc.from_bytes(part), bc.Q, bc.P), 1)

    def test_components_outside_the_group_are_refused(self):
        for bad in (b"\0" * bc.SIZE, b"\1" * 10, bc.P.to_bytes(bc.SIZE, "big")):
            with self.assertRaises(bc.BallotError):
                bc.from_bytes(bad)
