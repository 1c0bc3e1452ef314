"""The attack suite on disclosure control (tests/scripts/disclosure_attack.sh)."""
