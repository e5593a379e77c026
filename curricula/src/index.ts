/** Every unit of the course, in the order the builder writes them. */
import type { UnitSource } from '../tools/unit-source';
import { droneRingCourse } from './club/drone-ring-course';
import { lineRace } from './club/line-race';
import { aiAndUs } from './grade4/ai-and-us';
import { aiAroundUs } from './grade4/ai-around-us';
import { aiEyeColours } from './grade4/ai-eye-colours';
import { classroomData } from './grade4/classroom-data';
import { droneFirstFlight } from './grade4/drone-first-flight';
import { firstProgram } from './grade4/first-program';
import { lightSeeking } from './grade4/light-seeking';
import { lineFollowing } from './grade4/line-following';
import { obstacleRules } from './grade4/obstacle-rules';
import { dataCollection } from './grade7/data-collection';
import { decisionTree } from './grade7/decision-tree';
import { ethicsBias } from './grade7/ethics-bias';
import { kmeansClustering } from './grade7/kmeans-clustering';
import { knnColours } from './grade7/knn-colours';
import { qLearningMaze } from './grade7/q-learning-maze';
import { regressionElectricity } from './grade7/regression-electricity';
import { tokensVocabulary } from './grade7/tokens-vocabulary';
import { trainTestAccuracy } from './grade7/train-test-accuracy';

export const UNITS: readonly UnitSource[] = [
  aiAroundUs, firstProgram, obstacleRules, lineFollowing, aiEyeColours, lightSeeking, droneFirstFlight, classroomData, aiAndUs,
  lineRace, droneRingCourse,
  dataCollection, knnColours, trainTestAccuracy, decisionTree, regressionElectricity, kmeansClustering,
  qLearningMaze, tokensVocabulary, ethicsBias,
];
