"""Change of the session-rating total over sessions: a random-intercept linear mixed model
(:func:`trend`), on the forms of :mod:`survey.ratings`."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .codebook import SessionRatings
from .ratings import sessions

__all__ = ["TREND_METHOD", "trend"]

#: Description of the model :func:`trend` fits (its ``method`` starts with this text).
TREND_METHOD = ("linear mixed model total ~ session + (1 | participant), REML "
                "(statsmodels MixedLM); Wald CI and z test of the slope")


def trend(ratings: pd.DataFrame, spec: SessionRatings, *,
          confidence: float = 0.95) -> dict[str, Any]:
    """Change of the total over sessions: a random-intercept linear mixed model.

    Fits ``total ~ session`` with a random intercept per participant by REML,
    ``statsmodels.formula.api.mixedlm("total ~ session", data,
    groups=participant).fit(reml=True)`` (the model of R's
    ``lme4::lmer(total ~ session + (1 | id), REML = TRUE)``). ``session`` is the number from
    :func:`sessions` (1 = a participant's first form); forms without a total or without a
    date are dropped, with their session numbers kept for the others.

    Parameters
    ----------
    ratings : DataFrame
        The cleaned forms, one row per form (see the module docstring).
    spec : SessionRatings
        The codebook's ``session_ratings`` block.
    confidence : float
        Level of the confidence interval of the slope, strictly between 0 and 1.

    Returns
    -------
    dict
        - ``slope``: change of the total per session (fixed effect of ``session``);
        - ``ci_low``, ``ci_high``: its Wald interval, estimate ± z · SE (``conf_int``; R:
          ``confint(m, method = "Wald")``);
        - ``p``: two-sided p of the Wald z test of the slope (statsmodels reports z, not
          lmerTest's Satterthwaite t);
        - ``intercept``: the fixed intercept (expected total at "session 0");
        - ``icc``: random-intercept variance / (that + residual variance), the share of
          the variance of a form's total that lies between participants;
        - ``n_forms``, ``n_people``: forms and participants in the model;
        - ``converged`` (bool): False when the model was not fitted or statsmodels warned
          (``ConvergenceWarning``: the optimiser failed, or the random-intercept variance is
          on the boundary 0); the estimates are still reported then;
        - ``method`` (str): :data:`TREND_METHOD`, followed by the warnings caught or the
          reason the model was not fitted.

        The numbers are NaN (``converged`` False) with fewer than three participants, when
        the totals or the session numbers do not vary, or when the fit fails. No warning
        escapes.

    Raises
    ------
    ValueError
        If ``confidence`` is not strictly between 0 and 1 or a column of ``spec`` is missing.
    """
    if not (isinstance(confidence, int | float) and 0 < confidence < 1):
        raise ValueError(f"confidence must be strictly between 0 and 1, not {confidence!r}")
    forms = sessions(ratings, spec)
    data = pd.DataFrame({"total": forms["total"].astype(float),
                         "session": forms["session"].astype("Float64").astype(float),
                         "participant": forms[spec.id].astype(str).to_numpy()},
                        index=range(len(forms)))
    data = data.dropna().reset_index(drop=True)
    n_people = int(data["participant"].nunique())
    result: dict[str, Any] = {
        "slope": math.nan, "ci_low": math.nan, "ci_high": math.nan, "p": math.nan,
        "intercept": math.nan, "icc": math.nan, "n_forms": int(len(data)),
        "n_people": n_people, "converged": False, "method": TREND_METHOD,
    }
    reason = None
    if n_people < 3:
        reason = f"fewer than 3 participants with a total ({n_people})"
    elif data["total"].nunique() < 2:
        reason = "the totals do not vary"
    elif data["session"].nunique() < 2:
        reason = "the session numbers do not vary"
    if reason is not None:
        result["method"] = f"{TREND_METHOD}; not estimated: {reason}"
        return result

    return _fit(data, result, confidence)


def _fit(data: pd.DataFrame, result: dict[str, Any], confidence: float) -> dict[str, Any]:
    """Fit the model to ``data`` (total, session, participant) into ``result``; warnings
    caught and named in ``method``."""
    import statsmodels.formula.api as smf
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        try:
            fit = smf.mixedlm("total ~ session", data, groups=data["participant"]).fit(
                reml=True)
            ci = fit.conf_int(alpha=1 - confidence)
            cov_re = float(np.asarray(fit.cov_re)[0, 0])
            scale = float(fit.scale)
            values = {
                "slope": float(fit.fe_params["session"]),
                "ci_low": float(ci.loc["session", 0]),
                "ci_high": float(ci.loc["session", 1]),
                "p": float(fit.pvalues["session"]),
                "intercept": float(fit.fe_params["Intercept"]),
                "icc": cov_re / (cov_re + scale) if cov_re + scale > 0 else math.nan,
            }
            fitted = bool(fit.converged)
        except (ValueError, ArithmeticError, np.linalg.LinAlgError) as error:
            result["method"] = f"{TREND_METHOD}; not estimated: fit failed ({error})"
            return result
    result.update(values)
    problems = []
    for w in caught:
        message = " ".join(str(w.message).split())
        if message not in problems:
            problems.append(message)
    bad = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    result["converged"] = fitted and not bad
    if problems:
        result["method"] = f"{TREND_METHOD}; warnings: " + "; ".join(problems)
    return result
