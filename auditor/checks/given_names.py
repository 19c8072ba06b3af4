"""Common given names across languages, for spotting given-name-first author lists.

Hand-picked and deliberately small: a name here that is also a common family name (Lee, James,
Thomas...) is left out, so that a real family name is rarely mistaken for a given one.
"""

COMMON_GIVEN_NAMES = frozenset(
    """
    aaron adam adriana adrian agnieszka ahmed aisha alan alberto alejandra alejandro aleksandra
    alessandro alessia alexander alexandra alfonso alice alicia alina amanda amelia ana andrea
    andreas andres andrew andrzej angel angela angelica anna anne annika antonio ashley barbara
    beatriz benjamin bernard bianca camila carla carlos carmen carolina caroline catalina
    catherine cecilia charlotte chiara christian christina christine claudia cristina daniel
    daniela danielle david deborah diana diego dimitri dmitry eduardo elena elisa elizabeth
    emily emma enrique erik esteban estefania eva fabio federico felipe fernanda fernando
    francesca francesco francisco gabriel gabriela giovanni giulia giuseppe gonzalo guillermo
    gustavo hannah hector helena hiroshi ignacio irene isabel isabella ivan jakub javier jennifer
    jessica joanna joaquin jorge jose josefina juan julia juliana julian kamil karina katarzyna
    katherine kenji laura leonardo lorenzo lucas lucia luis luisa magdalena manuel marcela marcelo
    marco marcos margarita maria mariana mario marta martina mateo matias mauricio melanie
    michael michal miguel monika natalia nicolas nicole olga oliver olivia oscar pablo paola
    patricia paula paulo pedro pietro piotr rafael raquel renata ricardo roberto rodrigo rosa
    sabrina samuel sandra santiago sara sarah sebastian sergio simone sofia sophie stefan
    stefano susana tatiana teresa tomas valentina valeria vanessa veronica victoria vincenzo
    wojciech ximena yolanda yuki zofia
    """.split()
)
