#!/usr/bin/env python3
"""Build data/instruments/recorded_derivatives.csv.gz from the recorded market sessions.

The recordings (Kite CSVs) contain NIFTY and BANKNIFTY Feb-2026 monthly options and the NIFTY
DEC-2025 future, but no public slice of Dhan's master lists them. This script writes them as
rows of Dhan's detailed master (2026 layout, 31 columns) plus a trailing KITE_TRADING_SYMBOL
column that maps each row back to the recording.

Security ids: a contract whose Dhan display name appears in the Sep-2025 security-id list gets
that real id. Every other contract gets an invented id in the reserved range 90,000,000 to
90,099,999, far above any id Dhan has issued (the largest in the list is about 1.2 million).
Each contract group owns a block of 1,000 ids, and contracts inside a group are numbered by
strike, calls before puts, so the ids do not change when the script runs again.

Fields the recordings do not give (margins, bracket and cover flags, price bands) stay blank.

Usage: build_recorded_derivatives.py [--shared DIR] [--output FILE]
Standard library only. It reads the shared data folder at build time; the output is committed.
"""

import argparse
import csv
import gzip
import io
import os
import sys
from dataclasses import dataclass
from datetime import date

DETAILED_2026_COLUMNS = [
    "EXCH_ID", "SEGMENT", "SECURITY_ID", "ISIN", "INSTRUMENT", "UNDERLYING_SECURITY_ID",
    "UNDERLYING_SYMBOL", "SYMBOL_NAME", "DISPLAY_NAME", "INSTRUMENT_TYPE", "SERIES", "LOT_SIZE",
    "SM_EXPIRY_DATE", "STRIKE_PRICE", "OPTION_TYPE", "TICK_SIZE", "EXPIRY_FLAG", "BRACKET_FLAG",
    "COVER_FLAG", "ASM_GSM_FLAG", "ASM_GSM_CATEGORY", "BUY_SELL_INDICATOR", "BUY_CO_MIN_MARGIN_PER",
    "BUY_CO_SL_RANGE_MAX_PERC", "BUY_CO_SL_RANGE_MIN_PERC", "BUY_BO_MIN_MARGIN_PER",
    "BUY_BO_PROFIT_RANGE_MAX_PERC", "BUY_BO_PROFIT_RANGE_MIN_PERC", "MTF_LEVERAGE",
    "SM_UPPER_LIMIT", "SM_LOWER_LIMIT",
]
KITE_COLUMN = "KITE_TRADING_SYMBOL"

RESERVED_ID_FIRST = 90_000_000
RESERVED_ID_LAST = 90_099_999
IDS_PER_GROUP = 1_000

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Group:
    """Contracts of one underlying and expiry, with the master fields they share."""

    block: int  # index of the group's 1,000-id block inside the reserved range
    underlying: str
    underlying_id: int
    expiry: date
    last_trading_time: str  # as Dhan writes it in SM_EXPIRY_DATE
    lot_size: int
    tick_paise: str  # Dhan's TICK_SIZE, in paise
    recording: str  # file name under market/


@dataclass(frozen=True)
class Contract:
    group: Group
    kite_symbol: str
    strike: int | None  # None for futures
    option_type: str | None  # CE, PE or None for futures

    @property
    def is_option(self) -> bool:
        return self.option_type is not None

    def dhan_symbol(self) -> str:
        month = f"{MONTHS[self.group.expiry.month - 1]}{self.group.expiry.year}"
        if self.is_option:
            return f"{self.group.underlying}-{month}-{self.strike}-{self.option_type}"
        return f"{self.group.underlying}-{month}-FUT"

    def dhan_display_name(self) -> str:
        month = MONTHS[self.group.expiry.month - 1].upper()
        if self.is_option:
            side = "CALL" if self.option_type == "CE" else "PUT"
            return f"{self.group.underlying} {self.group.expiry.day:02d} {month} {self.strike} {side}"
        return f"{self.group.underlying} {month} FUT"


NIFTY_FUT_DEC_2025 = Group(0, "NIFTY", 13, date(2025, 12, 30), "2025-12-30 14:30:00", 75, "10.0000",
                           "fut_NIFTY25DECFUT_ticks_kite_full_2025-12-29_1247-1251.csv")
NIFTY_OPT_FEB_2026 = Group(1, "NIFTY", 13, date(2026, 2, 24), "2026-02-24 14:30:00", 65, "5.0000",
                           "opt_NIFTY26FEB_monthly_1min_bars_and_quotes_2026-02-06_kite.csv")
BANKNIFTY_OPT_FEB_2026 = Group(2, "BANKNIFTY", 25, date(2026, 2, 24), "2026-02-24 14:30:00", 30, "5.0000",
                               "opt_BANKNIFTY26FEB_monthly_1min_bars_and_quotes_2026-02-06_kite.csv")


def read_options(shared: str, group: Group) -> list[Contract]:
    """Read the distinct option contracts of a recording and check volumes and OI against the lot."""
    contracts: dict[str, Contract] = {}
    with open(os.path.join(shared, "data", "market", group.recording), newline="") as f:
        for row in csv.DictReader(f):
            symbol = row["trading_symbol"]
            strike = int(row["strike"])
            expected = f"{group.underlying}26FEB{strike}{row['option_type']}"
            if symbol != expected:
                sys.exit(f"{group.recording}: unexpected trading symbol {symbol}, expected {expected}")
            for field in ("volume", "oi"):
                if row[field] and int(float(row[field])) % group.lot_size != 0:
                    sys.exit(f"{group.recording}: {field} {row[field]} of {symbol} is not a multiple of lot {group.lot_size}")
            contracts[symbol] = Contract(group, symbol, strike, row["option_type"])
    return sorted(contracts.values(), key=lambda c: (c.strike, c.option_type))


def read_future(shared: str, group: Group) -> list[Contract]:
    """Check that the futures recording is the NIFTY DEC-2025 contract and return it."""
    with open(os.path.join(shared, "data", "market", group.recording), newline="") as f:
        symbols = {row["trading_symbol"] for row in csv.DictReader(f)}
    if symbols != {"NIFTY25DECFUT"}:
        sys.exit(f"{group.recording}: expected only NIFTY25DECFUT, found {sorted(symbols)}")
    return [Contract(group, "NIFTY25DECFUT", None, None)]


def read_known_ids(shared: str) -> dict[str, list[int]]:
    """Map Dhan display names to the security ids of the Sep-2025 id list (names carry no year)."""
    path = os.path.join(shared, "data", "instruments", "dhan_security_ids_NIFTY_BANKNIFTY_SENSEX_fut_opt_2025-09.csv")
    known: dict[str, list[int]] = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            name = " ".join(row["DISPLAY_NAME"].split())
            known.setdefault(name, []).append(int(row["SECURITY_ID"]))
    return known


def assign_ids(contracts: list[Contract], known: dict[str, list[int]]) -> dict[Contract, int]:
    ids: dict[Contract, int] = {}
    next_in_group: dict[int, int] = {}
    for contract in contracts:
        real = known.get(contract.dhan_display_name(), [])
        if len(real) == 1:
            ids[contract] = real[0]
            continue
        if len(real) > 1:
            sys.exit(f"{contract.dhan_display_name()} matches several ids {real}. Choose one and add it to the script by hand")
        block = contract.group.block
        offset = next_in_group.get(block, 0)
        next_in_group[block] = offset + 1
        security_id = RESERVED_ID_FIRST + block * IDS_PER_GROUP + offset
        if offset >= IDS_PER_GROUP or security_id > RESERVED_ID_LAST:
            sys.exit(f"reserved id block {block} is full")
        ids[contract] = security_id
    return ids


def to_row(contract: Contract, security_id: int) -> dict[str, str]:
    group = contract.group
    row = {column: "" for column in DETAILED_2026_COLUMNS}
    row.update({
        "EXCH_ID": "NSE",
        "SEGMENT": "D",
        "SECURITY_ID": str(security_id),
        "ISIN": "NA",
        "INSTRUMENT": "OPTIDX" if contract.is_option else "FUTIDX",
        "UNDERLYING_SECURITY_ID": str(group.underlying_id),
        "UNDERLYING_SYMBOL": group.underlying,
        "SYMBOL_NAME": contract.dhan_symbol(),
        "DISPLAY_NAME": contract.dhan_display_name(),
        "INSTRUMENT_TYPE": "OP" if contract.is_option else "FUT",
        "SERIES": "NA",
        "LOT_SIZE": str(group.lot_size),
        "SM_EXPIRY_DATE": group.last_trading_time,
        # Dhan writes the futures' strike as the sentinel -0.01 and the option type as XX.
        "STRIKE_PRICE": f"{contract.strike}.00000" if contract.is_option else "-0.01000",
        "OPTION_TYPE": contract.option_type or "XX",
        "TICK_SIZE": group.tick_paise,
        "EXPIRY_FLAG": "M",
    })
    row[KITE_COLUMN] = contract.kite_symbol
    return row


def main() -> None:
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="/work/shared", help="the folder that contains data/market/ and data/instruments/ (default: %(default)s)")
    parser.add_argument("--output", default=os.path.join(repo, "data", "instruments", "recorded_derivatives.csv.gz"),
                        help="gzipped CSV to write (default: %(default)s)")
    args = parser.parse_args()

    contracts = (read_future(args.shared, NIFTY_FUT_DEC_2025)
                 + read_options(args.shared, NIFTY_OPT_FEB_2026)
                 + read_options(args.shared, BANKNIFTY_OPT_FEB_2026))
    ids = assign_ids(contracts, read_known_ids(args.shared))

    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=DETAILED_2026_COLUMNS + [KITE_COLUMN], lineterminator="\n")
    writer.writeheader()
    for contract in contracts:
        writer.writerow(to_row(contract, ids[contract]))

    # mtime=0 and no file name in the gzip header keep the output byte-identical across runs.
    with open(args.output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out:
        out.write(text.getvalue().encode("utf-8"))

    invented = sum(1 for security_id in ids.values() if RESERVED_ID_FIRST <= security_id <= RESERVED_ID_LAST)
    print(f"wrote {len(contracts)} rows to {args.output}: {len(contracts) - invented} real ids, {invented} invented")


if __name__ == "__main__":
    main()
