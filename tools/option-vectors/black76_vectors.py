#!/usr/bin/env python3
"""Print Black-76 reference values (zero rate) for the C# known-answer tests.

Uses only the standard library: N(x) = erfc(-x / sqrt 2) / 2 from math.erfc.
Units match Tarang.Market.Options: rupees, years, volatility in percent,
theta per calendar day (365-day year) and vega per vol point.

Run: python3 tools/option-vectors/black76_vectors.py
"""

import math

DAYS_PER_YEAR = 365.0

# (type, forward, strike, years, volatility percent)
CASES = [
    ("CE", 23000.0, 23000.0, 2.0 / 365.0, 20.0),
    ("PE", 23000.0, 23000.0, 2.0 / 365.0, 20.0),
    ("CE", 23000.0, 23500.0, 7.0 / 365.0, 15.0),
    ("PE", 23000.0, 22000.0, 30.0 / 365.0, 25.0),
    ("PE", 23000.0, 24000.0, 0.5, 18.0),
    ("CE", 48000.0, 45000.0, 1.0, 30.0),
    ("CE", 23000.0, 25000.0, 1.0 / 365.0, 40.0),
    ("PE", 100.0, 120.0, 0.25, 150.0),
]

NORMAL_CDF_POINTS = [-30.0, -12.5, -8.0, -7.2, -7.0, -5.0, -2.5, -1.0, -0.3, 0.0, 0.3, 1.0, 2.5, 5.0, 8.0]


def norm_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def norm_pdf(x):
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def black76(option_type, forward, strike, years, vol_percent):
    vol = vol_percent / 100.0
    sqrt_t = math.sqrt(years)
    std_dev = vol * sqrt_t
    d1 = math.log(forward / strike) / std_dev + 0.5 * std_dev
    d2 = d1 - std_dev
    if option_type == "CE":
        price = forward * norm_cdf(d1) - strike * norm_cdf(d2)
        delta = norm_cdf(d1)
    else:
        price = strike * norm_cdf(-d2) - forward * norm_cdf(-d1)
        delta = norm_cdf(d1) - 1.0
    gamma = norm_pdf(d1) / (forward * std_dev)
    theta_per_day = -forward * norm_pdf(d1) * vol / (2.0 * sqrt_t) / DAYS_PER_YEAR
    vega_per_point = forward * norm_pdf(d1) * sqrt_t / 100.0
    return price, delta, gamma, theta_per_day, vega_per_point


def main():
    print("// type, forward, strike, years, vol %, price, delta, gamma, theta/day, vega/point")
    for option_type, forward, strike, years, vol_percent in CASES:
        values = black76(option_type, forward, strike, years, vol_percent)
        numbers = ", ".join(repr(v) for v in (forward, strike, years, vol_percent) + values)
        print(f"[InlineData(OptionType.{option_type}, {numbers})]")
    print()
    print("// x, N(x)")
    for x in NORMAL_CDF_POINTS:
        print(f"[InlineData({x!r}, {norm_cdf(x)!r})]")


if __name__ == "__main__":
    main()
