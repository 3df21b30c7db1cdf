from programs.models.amounts import FundingAmountsMixin
from programs.models.index import FundingProgramIndexPage
from programs.models.program import FundingProgramPage, FundingRound, ProgramContactPerson
from programs.models.vocabulary import TargetGroup

__all__ = [
    "FundingAmountsMixin",
    "FundingProgramIndexPage",
    "FundingProgramPage",
    "FundingRound",
    "ProgramContactPerson",
    "TargetGroup",
]
