#!/usr/bin/env python3
"""Estimate the time to expiry and rate behind Dhan's option chain IVs.

For each captured chain in tests/Tarang.Market.Tests/Fixtures, re-price the
out-of-the-money options within 5 % of the underlying at Dhan's own IV, with
Black-Scholes on the underlying's last_price. A grid search finds the time to
expiry (days) and interest rate that best reproduce the LTPs. The script also
prints the fit for two fixed times to expiry. Standard library only.

Run: python3 tools/option-vectors/dhan_model_fit.py
"""

import datetime as dt
import json
import math
import pathlib
import re
import statistics

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "Tarang.Market.Tests" / "Fixtures"
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def norm_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def black_scholes(option_type, spot, strike, years, vol, rate):
    std_dev = vol * math.sqrt(years)
    d1 = (math.log(spot / strike) + (rate + 0.5 * vol * vol) * years) / std_dev
    d2 = d1 - std_dev
    discount = math.exp(-rate * years)
    if option_type == "ce":
        return spot * norm_cdf(d1) - strike * discount * norm_cdf(d2), norm_cdf(d1)
    return strike * discount * norm_cdf(-d2) - spot * norm_cdf(-d1), norm_cdf(d1) - 1.0


def load(path):
    match = re.search(r"_exp(\d{4}-\d{2}-\d{2})_captured(\d{4}-\d{2}-\d{2}T\d{4})Z\.json$", path.name)
    expiry = dt.datetime.strptime(match.group(1), "%Y-%m-%d").replace(hour=15, minute=30, tzinfo=IST)
    captured = dt.datetime.strptime(match.group(2), "%Y-%m-%dT%H%M").replace(tzinfo=dt.timezone.utc)
    data = json.loads(path.read_text())["data"]
    spot = data["last_price"]
    options = []
    for key, row in data["oc"].items():
        strike = float(key)
        side = "ce" if strike > spot else "pe"
        quote = row.get(side)
        if quote and abs(strike - spot) <= 0.05 * spot and quote["last_price"] > 0 and quote["volume"] > 0 and quote["implied_volatility"] > 0:
            options.append((side, strike, quote))
    return expiry, captured, spot, options


def fit_rate(spot, options, days):
    best = None
    for step in range(0, 121):
        rate = step * 0.0025
        years = days / 365.0
        squared = 0.0
        delta_squared = 0.0
        for side, strike, quote in options:
            price, delta = black_scholes(side, spot, strike, years, quote["implied_volatility"] / 100.0, rate)
            squared += (price - quote["last_price"]) ** 2
            delta_squared += (delta - quote["greeks"]["delta"]) ** 2
        if best is None or squared < best[0]:
            best = (squared, rate, delta_squared)
    count = len(options)
    return best[1], math.sqrt(best[0] / count), math.sqrt(best[2] / count)


def median_errors(spot, options, days, rate):
    ltp_errors = []
    mid_errors = []
    for side, strike, quote in options:
        price, _ = black_scholes(side, spot, strike, days / 365.0, quote["implied_volatility"] / 100.0, rate)
        ltp_errors.append(abs(price - quote["last_price"]))
        if quote["top_bid_price"] > 0 and quote["top_ask_price"] > 0:
            mid_errors.append(abs(price - 0.5 * (quote["top_bid_price"] + quote["top_ask_price"])))
    return statistics.median(ltp_errors), statistics.median(mid_errors)


def main():
    for path in sorted(FIXTURES.glob("dhan_optionchain_*.json")):
        expiry, captured, spot, options = load(path)
        ours = (expiry - captured).total_seconds() / 86400.0
        open_ist = captured.astimezone(IST).replace(hour=9, minute=15, second=0)
        from_open = (expiry - open_ist).total_seconds() / 86400.0
        print(f"{path.name}: {len(options)} options, underlying {spot}")

        best = None
        for step in range(0, 801):
            days = 1.0 + step * 0.01
            rate, price_rms, delta_rms = fit_rate(spot, options, days)
            if best is None or price_rms < best[2]:
                best = (days, rate, price_rms, delta_rms)
        print(f"  best fit: {best[0]:.2f} days, rate {best[1]:.4f}, LTP rms {best[2]:.3f} rupees, delta rms {best[3]:.5f}")
        ltp_median, mid_median = median_errors(spot, options, best[0], best[1])
        print(f"  at the best fit, median abs error: LTP {ltp_median:.3f} rupees, mid of top bid/ask {mid_median:.3f} rupees")

        for label, days in (("capture instant to 15:30 IST", ours), ("09:15 IST on capture date to 15:30 IST", from_open)):
            rate, price_rms, delta_rms = fit_rate(spot, options, days)
            print(f"  {label}: {days:.4f} days, best rate {rate:.4f}, LTP rms {price_rms:.3f} rupees, delta rms {delta_rms:.5f}")


if __name__ == "__main__":
    main()
