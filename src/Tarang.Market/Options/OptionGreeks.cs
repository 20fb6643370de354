namespace Tarang.Market.Options;

/// <summary>
/// Black-76 sensitivities of one option at zero interest rate, in the units traders quote.
/// </summary>
/// <param name="Delta">
/// Change in the option price per ₹1 rise of the forward: 0 to 1 for a call, −1 to 0 for a put.
/// At zero rate this equals the delta to the underlying.
/// </param>
/// <param name="Gamma">Change in delta per ₹1 rise of the forward (per rupee).</param>
/// <param name="Theta">
/// Change in the option price, in rupees, per calendar day that passes with forward and
/// volatility unchanged: the instantaneous rate −∂V/∂T divided by 365, usually negative.
/// </param>
/// <param name="Vega">Change in the option price, in rupees, per vol point (a 1 % rise of volatility).</param>
public readonly record struct OptionGreeks(double Delta, double Gamma, double Theta, double Vega);
