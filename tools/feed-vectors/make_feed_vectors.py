#!/usr/bin/env python3
"""Write known-answer hex vectors of Dhan v2 live-feed packets, made with struct outside .NET.

Layouts (little-endian, 8-byte header: u8 response code, u16 packet length including the
header, u8 exchange segment, u32 security id) are Dhan's v2 live-market-feed tables, as the
struct formats of DhanHQ-py 2.3 read them. Segments are chosen to differ from the low byte of
the length, so a decoder that reads the segment from byte 1 fails.

Usage: make_feed_vectors.py > tests/Tarang.Dhan.Tests/Feed/feed_vectors.json
"""
import json
import struct
import sys

HEADER = "<BHBI"
LAYOUTS = {
    "ticker": (2, HEADER + "fI"),
    "quote": (4, HEADER + "fHIfIIIffff"),
    "open_interest": (5, HEADER + "I"),
    "previous_close": (6, HEADER + "fI"),
    "full": (8, HEADER + "fHIfIIIIIIffff" + "IIHHff" * 5),
    "disconnect": (50, HEADER + "H"),
    "market_status": (7, HEADER),
}

# Segment codes: 0 IDX_I, 1 NSE_EQ, 2 NSE_FNO, 4 BSE_EQ, 5 MCX_COMM, 8 BSE_FNO.
# Dhan's LTT counts seconds since 1970-01-01 00:00 IST, so the true Unix time is LTT - 19800.
# 1767012422 is 2025-12-29 12:47:02 IST, that is 07:17:02 UTC.
LTT = 1767012422


def f32(x):
    """Return the float32 value nearest to x, as the packet carries it."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def vector(name, kind, segment, security_id, fields, values):
    code, fmt = LAYOUTS[kind]
    size = struct.calcsize(fmt)
    raw = struct.pack(fmt, code, size, segment, security_id, *values)
    stored = dict(fields)
    return {"name": name, "kind": kind, "code": code, "length": size, "segment": segment,
            "securityId": security_id, "hex": raw.hex(), "fields": stored}


def main():
    vectors = []

    vectors.append(vector("ticker_bse_fno", "ticker", 8, 1100027,
                          {"ltp_f32": f32(152.3), "ltp_rupees": "152.30", "ltt": LTT},
                          [152.3, LTT]))

    quote_values = [2863.15, 7, LTT, 2861.4, 1234567, 98765, 87654, 2850.0, 2840.55, 2870.9, 2845.25]
    vectors.append(vector("quote_nse_eq", "quote", 1, 2885, {
        "ltp_f32": f32(2863.15), "ltq": 7, "ltt": LTT, "atp_f32": f32(2861.4), "volume": 1234567,
        "total_sell": 98765, "total_buy": 87654, "open_f32": f32(2850.0), "close_f32": f32(2840.55),
        "high_f32": f32(2870.9), "low_f32": f32(2845.25)}, quote_values))

    vectors.append(vector("open_interest_nse_fno", "open_interest", 2, 52168,
                          {"oi": 11148150}, [11148150]))

    vectors.append(vector("previous_close_idx", "previous_close", 0, 13,
                          {"previous_close_f32": f32(26042.3), "previous_close_rupees": "26042.30",
                           "previous_oi": 0},
                          [26042.3, 0]))

    depth = []
    levels = []
    for i in range(5):
        bid_px, ask_px = 25975.6 - 0.2 * i, 25978.5 + 0.5 * i
        bid_qty, ask_qty = 75 * (i + 1), 150 * (i + 1)
        bid_orders, ask_orders = i + 1, 2 * i + 1
        depth += [bid_qty, ask_qty, bid_orders, ask_orders, bid_px, ask_px]
        levels.append({"bid_qty": bid_qty, "ask_qty": ask_qty, "bid_orders": bid_orders,
                       "ask_orders": ask_orders, "bid_f32": f32(bid_px), "ask_f32": f32(ask_px)})
    full_values = [25978.5, 75, LTT, 26024.12, 3332925, 417525, 301125, 11148150, 11200000, 11000000,
                   26080.0, 26060.2, 26100.2, 25972.4] + depth
    vectors.append(vector("full_nse_fno", "full", 2, 52168, {
        "ltp_f32": f32(25978.5), "ltq": 75, "ltt": LTT, "atp_f32": f32(26024.12), "volume": 3332925,
        "total_sell": 417525, "total_buy": 301125, "oi": 11148150, "oi_high": 11200000,
        "oi_low": 11000000, "open_f32": f32(26080.0), "close_f32": f32(26060.2),
        "high_f32": f32(26100.2), "low_f32": f32(25972.4), "depth": levels}, full_values))

    vectors.append(vector("disconnect_807", "disconnect", 0, 0, {"reason": 807}, [807]))
    vectors.append(vector("market_status_nse_eq", "market_status", 1, 0, {}, []))

    # Two packets in one message: a ticker on MCX_COMM then an OI packet on NSE_FNO.
    first = vector("pair_ticker", "ticker", 5, 449735, {}, [6012.0, LTT])
    second = vector("pair_oi", "open_interest", 2, 37054, {}, [987654])
    vectors.append({"name": "two_packets", "kind": "message", "hex": first["hex"] + second["hex"],
                    "fields": {"first_segment": 5, "first_security_id": 449735, "first_ltp_f32": f32(6012.0),
                               "second_segment": 2, "second_security_id": 37054, "second_oi": 987654}})

    json.dump({"generator": "tools/feed-vectors/make_feed_vectors.py", "vectors": vectors}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
